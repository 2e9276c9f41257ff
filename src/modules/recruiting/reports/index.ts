// Reports: hiring figures computed in SQL from applications and their history (funnel, time to hire, sources).
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../../infra/db/database.ts';
import type { JobsService } from '../../jobs/index.ts';
import type { PipelinesRepo } from '../pipelines/index.ts';
import { createReportsRepo } from './reports.repo.ts';
import { reportsRoutes } from './reports.routes.ts';
import { createReportsService } from './reports.service.ts';

export type { ReportsService } from './reports.service.ts';
export { csvTable } from './reports.csv.ts';
export { jsonOrCsv, respond } from './reports.negotiation.ts';

export function createReportsArea(deps: {
  database: Pick<Database, 'tenant'>;
  jobs: Pick<JobsService, 'get'>;
  /** A job's stages in pipeline order (the pipelines area's). */
  stagesOf: PipelinesRepo['stagesOf'];
}) {
  const service = createReportsService({ ...deps, repo: createReportsRepo() });
  const routes: FastifyPluginAsync[] = [reportsRoutes(service)];
  return { service, routes };
}
