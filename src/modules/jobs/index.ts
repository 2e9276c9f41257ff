import type { Database } from '../../infra/db/database.ts';
import type { EventsService } from '../events/events.service.ts';
import { createPublishedJobsService } from './jobs.published.ts';
import { createJobsRepo } from './jobs.repo.ts';
import { jobsRoutes } from './jobs.routes.ts';
import { createJobsSearchRepo } from './jobs.search.repo.ts';
import { createJobsService, type JobsServiceDeps } from './jobs.service.ts';
import { createJobTeamRepo } from './jobs.team.repo.ts';
import { createJobTeamService, type JobTeamDeps } from './jobs.team.ts';

export function createJobsModule(deps: { database: Database; events: EventsService; parse: JobsServiceDeps['parse']; isMember: JobTeamDeps['isMember'] }) {
  const repo = createJobsRepo(deps.database.db);
  const { database } = deps;
  const service = createJobsService({ database, repo, events: deps.events, parse: deps.parse });
  const team = createJobTeamService({ database, repo, teamRepo: createJobTeamRepo(), isMember: deps.isMember });
  const published = createPublishedJobsService({ database, repo: createJobsSearchRepo() });
  return { service, published, team, routes: jobsRoutes(service, team) };
}
