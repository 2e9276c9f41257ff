import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../app-error.ts';
import { principalOf } from '../../http/auth.ts';
import { commonErrorResponses, problemRef } from '../../http/schemas.ts';
import type { AssistedParser } from './jd.assist.ts';
import { AssistQuerySchema, LlmUsageSchema, ParseResponseSchema } from './jd.assist.schemas.ts';
import { acceptPlainText, bodyText, textBodySchema } from './jd.body.ts';
import type { LlmClient } from '../../infra/llm/index.ts';
import type { parseJobDescription } from './jd.parser.ts';

const ParseBodySchema = Type.Object({
  text: Type.String({ maxLength: 500_000, description: 'Raw job-description text (plain, Markdown or HTML)' }),
}, { additionalProperties: false });
const ParsePlainBodySchema = Type.String({ maxLength: 500_000, description: 'The raw job-description text itself, UTF-8' });

export const llmNotConfigured = (): AppError => new AppError('llm-not-configured',
  'assist=llm needs a language model, and this server has none: set LLM_PROVIDER and LLM_MODEL (and LLM_BASE_URL, LLM_API_KEY as needed), or leave assist out');

export function jdRoutes(parse: typeof parseJobDescription, assisted: AssistedParser | null, llm: LlmClient | null): FastifyPluginAsyncTypebox {
  return async (app) => {
    acceptPlainText(app);
    app.post('/v1/job-descriptions/parse', {
      config: { access: { permission: 'jd:parse' } },
      schema: {
        tags: ['job-descriptions'], summary: 'Parse raw job-description text into structured fields',
        description: 'Deterministic and offline. Fields the text does not state are null; `warnings` says what was doubtful. '
          + 'Send JSON `{"text": "..."}` or the posting itself as `text/plain`. With `?assist=llm` and a configured language model, '
          + 'the model is asked for the fields the parser left empty or flagged (emails and phone numbers removed first); '
          + '`sources` says which values are the model\'s.',
        querystring: AssistQuerySchema,
        body: textBodySchema(ParseBodySchema, ParsePlainBodySchema),
        response: { 200: ParseResponseSchema, ...commonErrorResponses, 409: problemRef },
      },
    }, async (request) => {
      const text = bodyText(request.body);
      if (request.query.assist !== 'llm') return parse(text);
      if (!assisted) throw llmNotConfigured();
      return assisted(principalOf(request).orgId, text);
    });

    app.get('/v1/job-descriptions/llm-usage', {
      config: { access: { permission: 'jd:parse' } },
      schema: {
        tags: ['job-descriptions'], summary: 'Language-model tokens the organization spent this month, and what is left',
        response: { 200: LlmUsageSchema, ...commonErrorResponses, 409: problemRef },
      },
    }, async (request) => {
      if (!llm) throw llmNotConfigured();
      return { provider: llm.provider, model: llm.model, ...await llm.budget(principalOf(request).orgId) };
    });
  };
}
