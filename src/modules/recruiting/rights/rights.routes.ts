import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { callerOf } from '../../access/index.ts';
import { principalOf } from '../../../http/auth.ts';
import { commonErrorResponses, problemRef } from '../../../http/schemas.ts';
import type { EraseService } from './rights.erase.service.ts';
import type { ExportService } from './rights.export.service.ts';
import { CandidateExportSchema, CandidateIdParamsSchema, EraseBodySchema, ErasureSchema } from './rights.schemas.ts';

const errors = { ...commonErrorResponses, 403: problemRef, 404: problemRef };

export function rightsRoutes({ exports, erasure }: { exports: ExportService; erasure: EraseService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    const base = { tags: ['candidates'] };

    app.get('/v1/candidates/:id/export', {
      config: { access: { permission: 'candidates:read' } },
      schema: {
        ...base, summary: 'Everything about a candidate, to hand to them (data portability)',
        description: 'Profile, applications (job, stage, status, answers, cover letter, consent, history), team notes and files '
          + '(metadata and a link to each download). Private notes are never included, whoever asks: this document is for the candidate. '
          + 'Hiring managers and interviewers export only what they see: candidates of their jobs, and those jobs\' applications.',
        params: CandidateIdParamsSchema, response: { 200: CandidateExportSchema, ...errors },
      },
    }, async (request, reply) => {
      const document = await exports.export(principalOf(request), request.params.id);
      return reply
        .header('content-disposition', `attachment; filename="candidate-${document.candidate.id.replace(/[^\w-]/g, '_')}.json"`)
        // Personal data: not kept by shared caches.
        .header('cache-control', 'private, no-store')
        .send(document);
    });

    app.post('/v1/candidates/:id/erase', {
      config: { access: { permission: 'candidates:write' } },
      schema: {
        ...base, summary: 'Erase a candidate\'s personal data (right to erasure)',
        description: 'Anonymizes the candidate and every record merged into it, in one transaction: the name becomes "Erased candidate"; '
          + 'emails, phones, location, links, tags, custom fields and search text go; applications keep job, stage, status, source and dates '
          + '(so reports still count them) but lose answers, cover letter, consent and notes; notes are deleted; files are deleted from the '
          + 'file store; earlier events about them are redacted. The candidate then reads as that anonymized record. '
          + 'Irreversible. Needs candidates:write over the whole organization (never a hiring manager). The request (who, when, `reason`) '
          + 'is in the audit log. Erasing again is harmless: 200 with `alreadyErased`, clearing anything added since.',
        params: CandidateIdParamsSchema, body: EraseBodySchema, response: { 200: ErasureSchema, ...errors, 503: problemRef },
      },
    }, async (request, reply) => reply.header('cache-control', 'no-store').send(await erasure.erase(callerOf(request), request.params.id, request.body)));
  };
}
