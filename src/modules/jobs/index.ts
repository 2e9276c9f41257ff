import type { Database } from '../../infra/db/database.ts';
import type { Authenticate } from '../../http/request-context.ts';
import type { EventsService } from '../events/events.service.ts';
import { createPublishedJobsService } from './jobs.published.ts';
import { createJobsRepo } from './jobs.repo.ts';
import { jobsRoutes } from './jobs.routes.ts';
import { createJobsSearchRepo } from './jobs.search.repo.ts';
import { createJobsService, type JobsServiceDeps } from './jobs.service.ts';

export function createJobsModule(deps: { database: Database; events: EventsService; parse: JobsServiceDeps['parse'] }) {
  const service = createJobsService({ repo: createJobsRepo(deps.database.db), events: deps.events, parse: deps.parse });
  const published = createPublishedJobsService({ repo: createJobsSearchRepo(deps.database.db) });
  return { service, published, routes: (authenticate: Authenticate) => jobsRoutes(service, authenticate) };
}
