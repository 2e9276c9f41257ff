// Scorecards: each job's criteria, and each interviewer's ratings, notes and recommendation per interview.
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../../infra/db/database.ts';
import type { EventsService } from '../../events/index.ts';
import type { JobsService } from '../../jobs/index.ts';
import { createApplicationsRepo } from '../applications/index.ts';
import { createCriteriaRepo } from './criteria.repo.ts';
import { createCriteriaService } from './criteria.service.ts';
import { createScorecardReads } from './scorecards.reads.ts';
import { createScorecardsRepo } from './scorecards.repo.ts';
import { scorecardsRoutes } from './scorecards.routes.ts';
import { createScorecardsService } from './scorecards.service.ts';

export { scorecardEvents } from './scorecards.events.ts';

export function createScorecardsArea(deps: {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  jobs: Pick<JobsService, 'get'>;
  clock?: () => Date;
}) {
  const repo = createScorecardsRepo();
  const criteriaRepo = createCriteriaRepo();
  const criteria = createCriteriaService({ ...deps, repo: criteriaRepo });
  const scorecards = createScorecardsService({ ...deps, repo, criteria: criteriaRepo, history: createApplicationsRepo() });
  const reads = createScorecardReads({ database: deps.database, repo, criteria: criteriaRepo });
  const routes: FastifyPluginAsync[] = [scorecardsRoutes({ criteria, scorecards, reads })];
  return { criteria, scorecards, reads, routes };
}
export type ScorecardsArea = ReturnType<typeof createScorecardsArea>;
