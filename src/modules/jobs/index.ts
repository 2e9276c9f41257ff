import type { Database } from '../../infra/db/database.ts';
import type { SharedCache } from '../../infra/cache/shared-cache.ts';
import type { EventsService } from '../events/index.ts';
import type { OrgsService } from '../orgs/index.ts';
import { createBoardModule, type ApplicationForm } from './board/index.ts';
import { createJobsRepo } from './jobs.repo.ts';
import { jobsRoutes } from './jobs.routes.ts';
import { createJobsService, type JobsServiceDeps } from './jobs.service.ts';
import { jobsTasks } from './jobs.tasks.ts';
import { createJobTeamRepo } from './jobs.team.repo.ts';
import { createJobTeamService, type JobTeamDeps } from './jobs.team.service.ts';

export { jobEvents, jobEventTypes, type JobEventType } from './jobs.events.ts';
export { jobsVisibleTo } from './jobs.team.repo.ts';
export { jobFacts } from './jobs.facts.ts';
export type {
  ApplicationForm, BoardIndex, BoardJob, BoardJobSummary, BoardQuestion, BoardSearch, BoardSearchPage, BoardSearchQuery, BoardService, PublishedJobsService, PublishedPosition,
} from './board/index.ts';
export { BoardSearchQuerySchema, descriptionHtml, renderRss, searchCursor } from './board/index.ts';
export type { CreateJobInput, Job } from './jobs.schemas.ts';
export type { JobsService } from './jobs.service.ts';

export function createJobsModule(deps: {
  database: Pick<Database, 'kind' | 'tenant' | 'unscoped' | 'unscopedTransaction'>;
  events: EventsService;
  parse: JobsServiceDeps['parse'];
  assistedParse?: JobsServiceDeps['assistedParse'];
  isMember: JobTeamDeps['isMember'];
  expirySweepIntervalMs: number;
  /** For the public board (board/): slugs to orgs, its answer cache's TTL and the base of its absolute URLs. */
  orgs: Pick<OrgsService, 'findBySlug'>;
  boardCacheTtlMs: number;
  /** The board cache every API instance shares (Redis), when configured. */
  boardSharedCache?: SharedCache;
  publicBaseUrl: string;
  /** The public job page lists the job's application questions (recruiting's), read through this. */
  applicationForm?: ApplicationForm;
  /** A job holding applications is archived, not deleted: asked through this (recruiting's). */
  applicationsHeld?: JobsServiceDeps['applicationsHeld'];
}) {
  const { database } = deps;
  const repo = createJobsRepo();
  const service = createJobsService({ database, repo, events: deps.events, parse: deps.parse, assistedParse: deps.assistedParse, applicationsHeld: deps.applicationsHeld });
  const team = createJobTeamService({ database, repo, teamRepo: createJobTeamRepo(), isMember: deps.isMember });
  const board = createBoardModule({
    database, orgs: deps.orgs, events: deps.events, cacheTtlMs: deps.boardCacheTtlMs, publicBaseUrl: deps.publicBaseUrl,
    shared: deps.boardSharedCache, applicationForm: deps.applicationForm,
  });
  const tasks = jobsTasks({ jobs: service, expirySweepIntervalMs: deps.expirySweepIntervalMs });
  return { service, team, board, routes: jobsRoutes(service, team), tasks };
}
