import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../../http/auth.ts';
import { commonErrorResponses, problemRef } from '../../../http/schemas.ts';
import { pipelineCsv, sourcesCsv, timeToHireCsv } from './reports.csv.ts';
import { jsonOrCsv, respond } from './reports.negotiation.ts';
import { PeriodQuerySchema, PipelineReportQuerySchema, PipelineReportSchema, SourcesReportSchema, TimeToHireReportSchema } from './reports.schemas.ts';
import type { ReportsService } from './reports.service.ts';

const read = { access: { permission: 'candidates:read' } } as const;
const errors = { ...commonErrorResponses, 403: problemRef, 404: problemRef };

const periodNote = 'Applications applied in [appliedAfter, appliedBefore), either end open. ';
const reach = 'Needs candidates:read; a hiring manager or interviewer gets figures over the jobs whose hiring team they are on (`scope: assigned-jobs`). '
  + 'Send `Accept: text/csv` for CSV.';

export function reportsRoutes(service: ReportsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const base = { tags: ['reports'] };
    app.get('/v1/reports/pipeline', {
      config: read,
      schema: {
        ...base, summary: 'A job\'s funnel: entries, exits onward, conversion and median time per stage',
        description: 'Computed from every application\'s history. An application counts once per stage however often it came back. '
          + 'Median time in stage covers stays that ended (moved, hired, rejected or withdrawn); stays still going are left out and counted in `inStageNow`. '
          + 'Needs candidates:read on the job (404 for a job the caller cannot see). Send `Accept: text/csv` for CSV.',
        querystring: PipelineReportQuerySchema, response: { 200: jsonOrCsv(PipelineReportSchema, 'The job\'s stages in pipeline order'), ...errors },
      },
    }, async (request, reply) => {
      const report = await service.pipeline(principalOf(request), request.query.jobId);
      return respond(request, reply, report, { name: `pipeline-${report.jobId}`, write: pipelineCsv });
    });

    app.get('/v1/reports/time-to-hire', {
      config: read,
      schema: {
        ...base, summary: 'Median and 90th-percentile days from applying to hired, per job, per department and overall',
        description: `${periodNote}Counts applications hired now, timed to their latest hire. ${reach}`,
        querystring: PeriodQuerySchema, response: { 200: jsonOrCsv(TimeToHireReportSchema, 'Hire times'), ...errors },
      },
    }, async (request, reply) => {
      const report = await service.timeToHire(principalOf(request), request.query);
      return respond(request, reply, report, { name: 'time-to-hire', write: timeToHireCsv });
    });

    app.get('/v1/reports/sources', {
      config: read,
      schema: {
        ...base, summary: 'Applications, interviews and hires per source',
        description: `${periodNote}There is no interview record yet: "interviewed" counts applications that ever entered a stage of kind interview. ${reach}`,
        querystring: PeriodQuerySchema, response: { 200: jsonOrCsv(SourcesReportSchema, 'One row per source'), ...errors },
      },
    }, async (request, reply) => {
      const report = await service.sources(principalOf(request), request.query);
      return respond(request, reply, report, { name: 'sources', write: sourcesCsv });
    });
  };
}
