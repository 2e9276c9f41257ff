import { createHash } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../../app-error.ts';
import { principalOf } from '../../../http/auth.ts';
import { claimIdempotency } from '../../../http/idempotency.ts';
import { enforce } from '../../../http/rate-limit.ts';
import { commonErrorResponses, problemRef } from '../../../http/schemas.ts';
import type { RateLimiter } from '../../../infra/rate-limit/rate-limiter.ts';
import type { AnswerInput, FileInput } from './applying.answers.ts';
import { MAX_FILE_BYTES, readMultipart } from './applying.multipart.ts';
import {
  ApplyHeadersSchema, ApplyJsonBodySchema, ApplyMultipartDoc, ApplyParamsSchema, ApplyResultSchema, type ApplyJsonBody, type FileBody,
} from './applying.schemas.ts';
import type { ApplyInput, ApplyingService } from './applying.service.ts';
import { JobQuestionsParamsSchema, QuestionsBodySchema, QuestionsSchema } from './questions.schemas.ts';
import type { QuestionsService } from './questions.service.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Room for a résumé and a cover letter at their largest, in base64, and the rest of the form. */
const JSON_BODY_LIMIT = 32 * 1024 * 1024;

/** The application as read, files by their content: the same form sent as JSON or multipart, with any boundary, is one request. */
function fingerprintOf(value: unknown): unknown {
  if (value instanceof Uint8Array) return `sha256:${createHash('sha256').update(value).digest('hex')}`;
  if (Array.isArray(value)) return value.map(fingerprintOf);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fingerprintOf(v)]));
  return value;
}

function decodeFile(file: FileBody, field: string): FileInput {
  if (file.contentBase64.length % 4 !== 0 || !BASE64.test(file.contentBase64)) {
    throw new AppError('validation-failed', `${field} is not valid base64`, { fields: [{ field: `${field}.contentBase64`, detail: 'must be standard base64 with padding' }] });
  }
  const bytes = Buffer.from(file.contentBase64, 'base64');
  if (bytes.length > MAX_FILE_BYTES) {
    throw new AppError('payload-too-large', `The file in ${field} is larger than 10 MB`, { fields: [{ field, detail: 'is larger than 10 MB' }] });
  }
  return { fileName: file.fileName, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

function fromJson(body: ApplyJsonBody): ApplyInput {
  const answers: Record<string, AnswerInput> = {};
  for (const [id, value] of Object.entries(body.answers ?? {})) {
    answers[id] = typeof value === 'object' && !Array.isArray(value) ? decodeFile(value, `answers.${id}`) : value;
  }
  return {
    name: body.name, email: body.email, phone: body.phone, coverLetterText: body.coverLetterText, consent: body.consent, keepForFutureRoles: body.keepForFutureRoles,
    equalOpportunity: body.equalOpportunity ?? {}, website: body.website,
    resume: body.resume ? decodeFile(body.resume, 'resume') : undefined,
    coverLetter: body.coverLetter ? decodeFile(body.coverLetter, 'coverLetter') : undefined,
    answers,
  };
}

const APPLY_DESCRIPTION = `Public: no credential. Send \`multipart/form-data\` (the careers form; works without JavaScript) or \`application/json\` (integrations).

- **multipart**: fields \`name\`, \`email\`, \`phone\` (optional, international form), \`coverLetterText\` or a \`coverLetter\` file, a \`resume\` file,
  \`consent\` (\`true\`), and one field per answer named \`answers[<questionId>]\`: repeat it once per choice of a multi_choice question,
  \`true\`/\`false\` for yes_no, a file for a file question. Files are PDF or Word (.docx), decided by their bytes, at most 10 MB each.
- **JSON**: the same fields; \`answers\` is an object by question id (text, boolean, option, list of options); files are
  \`{ "fileName", "contentBase64" }\` (10 MB decoded, 32 MB of body in all).

\`consent\` must be true while the org publishes a privacy notice (see the job's org); it is recorded with the notice's URL and version.
\`keepForFutureRoles\` (optional, \`true\`) records agreement to be kept for future roles: the org's retention policy keeps the candidate longer.
Voluntary equal-opportunity answers (the job page's \`equalOpportunity\` questions) go in \`equalOpportunity\` (JSON: an object by question id)
or \`equalOpportunity[<questionId>]\` (multipart), one choice each; they are stored apart and only ever counted.
\`website\` is a spam trap: leave it out or empty. Errors point at the field, e.g. \`/answers/qst_…\`. A second application by the same
person to the same job is a 409 \`already-applied\` naming the first. Limited per client address (RateLimit-* headers; 429 with Retry-After).`;

export function applyingRoutes(deps: { applying: ApplyingService; questions: QuestionsService; limiter: RateLimiter }): FastifyPluginAsyncTypebox {
  const { applying, questions, limiter } = deps;
  return async (app) => {
    // Here only: multipart is read by this plugin's apply route and accepted nowhere else in the API.
    await app.register(multipart, { throwFileSizeLimit: true, limits: { fileSize: MAX_FILE_BYTES, files: 0, fields: 0, parts: 0 } });

    app.get('/v1/jobs/:jobId/questions', {
      config: { access: { permission: 'jobs:read' } },
      schema: {
        tags: ['applying'], summary: 'A job\'s application questions', params: JobQuestionsParamsSchema,
        response: { 200: QuestionsSchema, ...commonErrorResponses, 404: problemRef },
      },
    }, async (request) => ({ questions: await questions.list(principalOf(request), request.params.jobId) }));

    app.put('/v1/jobs/:jobId/questions', {
      config: { access: { permission: 'jobs:write' } },
      schema: {
        tags: ['applying'], summary: 'Replace a job\'s application questions',
        description: 'The list replaces the old one, in order. Give an existing question\'s `id` to keep it (answers already given still name it); '
          + 'entries without an id are new. At most 50 questions; choice questions need 1–50 distinct options.',
        params: JobQuestionsParamsSchema, body: QuestionsBodySchema,
        response: { 200: QuestionsSchema, ...commonErrorResponses, 404: problemRef },
      },
    }, async (request) => ({ questions: await questions.replace(principalOf(request), request.params.jobId, request.body.questions) }));

    app.post('/v1/boards/:orgSlug/jobs/:jobId/applications', {
      // Keys are claimed once the form is read (multipart is read by the handler, not before it).
      config: { access: { public: true }, idempotency: 'after-parsing' },
      bodyLimit: JSON_BODY_LIMIT,
      // Counted before the body is read, so a flood costs no parsing.
      onRequest: async (request, reply) => {
        enforce(reply, [{ decision: await limiter.consume(request.ip), what: 'applications from your address' }]);
      },
      schema: {
        tags: ['board'], summary: 'Apply to a job', description: APPLY_DESCRIPTION,
        params: ApplyParamsSchema, headers: ApplyHeadersSchema,
        body: { content: { 'application/json': { schema: ApplyJsonBodySchema }, 'multipart/form-data': { schema: ApplyMultipartDoc } } },
        response: { 201: ApplyResultSchema, ...commonErrorResponses, 404: problemRef, 409: problemRef, 422: problemRef, 429: problemRef },
      },
    }, async (request, reply) => {
      const target = await applying.target(request.params.orgSlug, request.params.jobId);
      if (!request.isMultipart() && (typeof request.body !== 'object' || request.body === null)) {
        throw new AppError('unsupported-media-type', 'Send the application as multipart/form-data or application/json');
      }
      const input = request.isMultipart() ? await readMultipart(request, target.questions, target.eeoQuestions.length) : fromJson(request.body as ApplyJsonBody);
      if (await claimIdempotency(request, reply, fingerprintOf(input))) return reply;
      const { result, replayed } = await applying.apply(target, input, request.headers['idempotency-key']);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).header('location', `/v1/applications/${result.applicationId}`).send(result);
    });
  };
}
