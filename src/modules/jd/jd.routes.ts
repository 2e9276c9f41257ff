import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { commonErrorResponses } from '../../http/schemas.ts';
import { acceptPlainText, bodyText, textBodySchema } from './jd.body.ts';
import { ParsedJobDescriptionSchema } from './jd.schemas.ts';
import type { parseJobDescription } from './jd.parser.ts';

const ParseBodySchema = Type.Object({
  text: Type.String({ maxLength: 500_000, description: 'Raw job-description text (plain, Markdown or HTML)' }),
}, { additionalProperties: false });
const ParsePlainBodySchema = Type.String({ maxLength: 500_000, description: 'The raw job-description text itself, UTF-8' });

export function jdRoutes(parse: typeof parseJobDescription): FastifyPluginAsyncTypebox {
  return async (app) => {
    acceptPlainText(app);
    app.post('/v1/job-descriptions/parse', {
      config: { access: { permission: 'jd:parse' } },
      schema: {
        tags: ['job-descriptions'], summary: 'Parse raw job-description text into structured fields',
        description: 'Deterministic and offline. Fields the text does not state are null; `warnings` says what was doubtful. '
          + 'Send JSON `{"text": "..."}` or the posting itself as `text/plain`.',
        body: textBodySchema(ParseBodySchema, ParsePlainBodySchema), response: { 200: ParsedJobDescriptionSchema, ...commonErrorResponses },
      },
    }, async (request) => parse(bodyText(request.body)));
  };
}
