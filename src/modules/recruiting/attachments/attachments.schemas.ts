import { Type, type Static } from 'typebox';
import { Nullable } from '../../../http/schemas.ts';
import type { AttachmentKind } from './attachments.table.ts';

export const AttachmentKindSchema = Type.Union(
  [Type.Literal('resume'), Type.Literal('cover_letter'), Type.Literal('answer'), Type.Literal('other')],
  { description: 'resume, cover_letter, answer (to a `file` question), other' },
);

export const TextStatusSchema = Type.Union([Type.Literal('pending'), Type.Literal('extracted'), Type.Literal('failed'), Type.Literal('none')], {
  description: 'pending: text not read yet; extracted: text is searchable; failed: the file is kept but its text could not be read (see textFailure)',
});

export const AttachmentSchema = Type.Object({
  id: Type.String({ examples: ['att_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  kind: AttachmentKindSchema,
  fileName: Type.String({ description: 'As the candidate named it (path and control characters removed)' }),
  mediaType: Type.String({ description: 'Decided from the file\'s bytes, never from its name or the uploader\'s content type' }),
  sizeBytes: Type.Integer(),
  sha256: Type.String({ description: 'Hex SHA-256 of the bytes' }),
  textStatus: TextStatusSchema,
  textFailure: Nullable(Type.String({ description: 'Why no text was read: encrypted, corrupt, no-text (a scan), too-large, timeout, missing-file' })),
  applicationId: Nullable(Type.String()),
  questionId: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
}, { $id: 'Attachment' });
export type Attachment = Static<typeof AttachmentSchema>;

const Id = Type.String({ minLength: 1, maxLength: 64 });
export const CandidateIdParamsSchema = Type.Object({ id: Id });
export const AttachmentParamsSchema = Type.Object({ id: Id, attachmentId: Id });
export const AttachmentContentQuerySchema = Type.Object({
  disposition: Type.Optional(Type.Union([Type.Literal('attachment'), Type.Literal('inline')], {
    description: 'inline: a PDF to be shown in place (as by a frame on this server\'s pages); attachment (the default): to be saved',
  })),
}, { additionalProperties: false });

/** A file checked and stored, not yet recorded: the applying flow inserts it inside its transaction. */
export interface PreparedAttachment {
  readonly id: string;
  readonly orgId: string;
  readonly kind: AttachmentKind;
  readonly questionId: string | null;
  readonly storeKey: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

export interface Upload {
  bytes: Uint8Array;
  fileName: string;
  kind: AttachmentKind;
  questionId?: string | null;
  /** The form field the file came in, named in the validation error. */
  field: string;
}
