import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../../http/auth.ts';
import { commonErrorResponses, problemRef } from '../../../http/schemas.ts';
import { AttachmentContentQuerySchema, AttachmentParamsSchema, AttachmentSchema, CandidateIdParamsSchema } from './attachments.schemas.ts';
import type { AttachmentsService } from './attachments.service.ts';

const read = { access: { permission: 'candidates:read' } } as const;
const errors = { ...commonErrorResponses, 403: problemRef, 404: problemRef };

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): the quoted name is an ASCII stand-in for
 * old clients, the starred one the real name percent-encoded (RFC 8187), so no quote, semicolon or line
 * break in a candidate's file name can end the header's value or add one.
 */
export function contentDisposition(fileName: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const fallback = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\%;]/g, '_').trim() || 'download';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function attachmentsRoutes(service: AttachmentsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const base = { tags: ['candidates'] };

    app.get('/v1/candidates/:id/attachments', {
      config: read,
      schema: {
        ...base, summary: 'A candidate\'s files (résumés, cover letters, answers to file questions)',
        description: 'Text is read from each file in the background: `textStatus` is `pending` until then.',
        params: CandidateIdParamsSchema, response: { 200: Type.Object({ data: Type.Array(AttachmentSchema) }), ...errors },
      },
    }, async (request) => ({ data: await service.list(principalOf(request), request.params.id) }));

    app.get('/v1/candidates/:id/attachments/:attachmentId/content', {
      config: read,
      schema: {
        ...base, summary: 'Download a candidate\'s file', params: AttachmentParamsSchema,
        description: 'Sent as an attachment with the media type decided from its bytes when it was uploaded. '
          + 'With `disposition=inline` a PDF is sent to be shown in place (the console frames it as a preview); other files stay attachments.',
        querystring: AttachmentContentQuerySchema,
        produces: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file\'s bytes' }),
          ...errors,
        },
      },
    }, async (request, reply) => {
      const { attachment, bytes } = await service.content(principalOf(request), request.params.id, request.params.attachmentId);
      // Browsers show PDFs in their own viewer; a Word file shown "inline" would be downloaded anyway.
      const inline = request.query.disposition === 'inline' && attachment.mediaType === 'application/pdf';
      return reply
        .type(attachment.mediaType)
        .header('content-disposition', contentDisposition(attachment.fileName, inline ? 'inline' : 'attachment'))
        .header('x-content-type-options', 'nosniff')
        // Candidates' files are personal data: not kept by shared caches, nor run as a page if opened,
        // nor framed by any page but this server's own (the console's preview).
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', 'sandbox; default-src \'none\'; frame-ancestors \'self\'')
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });
  };
}
