import { Type, type Static } from 'typebox';
import { OrgSlugSchema } from '../../orgs/index.ts';
import { EeoAnswersBodySchema } from '../equal-opportunity/index.ts';
import { MAX_LONG_TEXT } from './applying.answers.ts';
import { MAX_FILE_BYTES } from './applying.multipart.ts';
import { MAX_COVER_LETTER_TEXT, MAX_EMAIL, MAX_NAME } from './applying.service.ts';
import { MAX_QUESTIONS } from './questions.schemas.ts';

/** Base64 of the largest file accepted, with padding. */
const MAX_BASE64 = Math.ceil(MAX_FILE_BYTES / 3) * 4;

const FileBodySchema = Type.Object({
  fileName: Type.String({ minLength: 1, maxLength: 255 }),
  contentBase64: Type.String({ maxLength: MAX_BASE64, description: 'The file\'s bytes in standard base64; PDF or Word (.docx), decided by its content; at most 10 MB decoded' }),
}, { additionalProperties: false });
export type FileBody = Static<typeof FileBodySchema>;

export const ApplyJsonBodySchema = Type.Object({
  name: Type.String({ maxLength: MAX_NAME }),
  email: Type.String({ maxLength: MAX_EMAIL }),
  phone: Type.Optional(Type.String({ maxLength: 40, description: 'International form, e.g. +49 30 901820' })),
  coverLetterText: Type.Optional(Type.String({ maxLength: MAX_COVER_LETTER_TEXT })),
  resume: Type.Optional(FileBodySchema),
  coverLetter: Type.Optional(FileBodySchema),
  answers: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.Union([
    Type.String({ maxLength: MAX_LONG_TEXT }), Type.Boolean(), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 }), FileBodySchema,
  ]), { maxProperties: MAX_QUESTIONS, description: 'By question id: text, true/false, an option, a list of options, or a file' })),
  consent: Type.Optional(Type.Boolean({ description: 'Agreement to the org\'s privacy notice; required (true) while the org has one' })),
  keepForFutureRoles: Type.Optional(Type.Boolean({ description: 'Optional: agreement to be kept for future roles; the org\'s retention policy then keeps the candidate longer' })),
  equalOpportunity: Type.Optional(EeoAnswersBodySchema),
  website: Type.Optional(Type.String({ maxLength: 1000, description: 'Leave out or empty: a spam trap' })),
}, { additionalProperties: false });
export type ApplyJsonBody = Static<typeof ApplyJsonBodySchema>;

const binary = (description: string) => ({ type: 'string', contentMediaType: 'application/octet-stream', description });

/**
 * The multipart form, for the OpenAPI document only: the body is read by the route itself, as a stream
 * with limits, so this must accept the `null` that Fastify validates a streamed body as.
 */
export const ApplyMultipartDoc = Type.Unsafe({
  type: ['object', 'null'],
  properties: {
    name: { type: 'string' }, email: { type: 'string' }, phone: { type: 'string' },
    resume: binary('PDF or Word (.docx), at most 10 MB'), coverLetter: binary('PDF or Word (.docx), at most 10 MB'),
    coverLetterText: { type: 'string' },
    'answers[<questionId>]': { type: 'string', description: 'One field per answer; repeat it for each choice of a multi_choice question; a file for a file question' },
    consent: { type: 'string', enum: ['true', 'false'] },
    keepForFutureRoles: { type: 'string', enum: ['true', 'false'], description: 'Optional: agreement to be kept for future roles' },
    'equalOpportunity[<questionId>]': { type: 'string', description: 'Voluntary: one of the question\'s choices (the job page\'s `equalOpportunity`)' },
    website: { type: 'string', description: 'Hidden on the form and left empty: a spam trap' },
  },
  required: ['name', 'email'],
});

export const ApplyParamsSchema = Type.Object({ orgSlug: OrgSlugSchema, jobId: Type.String({ minLength: 1, maxLength: 64 }) });

export const ApplyHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(Type.String({
    minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$',
    description: 'Makes a retry safe: the same key and body answer the first result (with `idempotent-replayed: true`) and create nothing; another body with the key is a 422. Kept 24 hours.',
  })),
});

export const ApplyResultSchema = Type.Object({
  applicationId: Type.String(),
  jobId: Type.String(),
  status: Type.Literal('received'),
  stage: Type.String({ description: 'Where the application is, in the words shown to candidates' }),
  appliedAt: Type.String({ format: 'date-time' }),
});
