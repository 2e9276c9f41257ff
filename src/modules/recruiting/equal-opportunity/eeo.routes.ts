import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../../http/auth.ts';
import { commonErrorResponses, problemRef } from '../../../http/schemas.ts';
import { jsonOrCsv, respond } from '../reports/index.ts';
import { eeoCsv } from './eeo.csv.ts';
import { EeoQuestionsBodySchema, EeoQuestionsSchema, EeoReportQuerySchema, EeoReportSchema, FEWER_THAN_MINIMUM, MINIMUM_GROUP, PREFER_NOT_TO_SAY } from './eeo.schemas.ts';
import type { EeoService } from './eeo.service.ts';

const manage = { access: { permission: 'org:manage' } } as const;
const errors = { ...commonErrorResponses, 403: problemRef, 404: problemRef };

export function eeoRoutes(service: EeoService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = { tags: ['equal-opportunity'] };

    app.get('/v1/eeo-questions', {
      config: manage,
      schema: { ...tags, summary: 'The organization\'s voluntary equal-opportunity questions', description: 'Owners and admins.', response: { 200: EeoQuestionsSchema, ...errors } },
    }, async (request) => ({ questions: await service.list(principalOf(request)) }));

    app.put('/v1/eeo-questions', {
      config: manage,
      schema: {
        ...tags, summary: 'Replace the organization\'s voluntary equal-opportunity questions',
        description: 'E.g. gender, ethnicity, veteran status, disability. The list replaces the old one, in order; give an existing question\'s `id` '
          + `to keep it and its answers. Every question gets a "${PREFER_NOT_TO_SAY}" choice unless it has one. Removing a question, or a choice, `
          + 'deletes the answers given to it. Every job\'s public page lists them as voluntary; applicants answer them in `equalOpportunity`. Owners and admins.',
        body: EeoQuestionsBodySchema, response: { 200: EeoQuestionsSchema, ...errors },
      },
    }, async (request) => ({ questions: await service.replace(principalOf(request), request.body.questions) }));

    app.get('/v1/reports/eeo', {
      config: { access: { permission: 'candidates:write' } },
      schema: {
        tags: ['reports'], summary: 'Equal-opportunity answers of a job\'s applicants, in aggregate',
        description: `Counts per question and choice. A group smaller than ${MINIMUM_GROUP} (0 included) is "${FEWER_THAN_MINIMUM}", never a number; `
          + 'when that leaves one group hidden in a question, the smallest other group is "withheld" too, and no totals are given, so a hidden '
          + 'group cannot be worked out from the rest. Answers of erased candidates are gone. Recruiters, admins, owners and API keys '
          + '(candidates:write over the whole organization); never hiring managers or interviewers. Send `Accept: text/csv` for CSV.',
        querystring: EeoReportQuerySchema, response: { 200: jsonOrCsv(EeoReportSchema, 'Counts per question and choice'), ...errors },
      },
    }, async (request, reply) => {
      const report = await service.report(principalOf(request), request.query.jobId);
      return respond(request, reply.header('cache-control', 'private, no-store'), report, { name: `eeo-${report.jobId}`, write: eeoCsv });
    });
  };
}
