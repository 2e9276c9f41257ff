// Equal-opportunity answers: the org's voluntary questions, answers kept apart from every profile, reports in aggregate only.
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../../infra/db/database.ts';
import type { EventsService } from '../../events/index.ts';
import type { JobsService } from '../../jobs/index.ts';
import { createEeoRepo } from './eeo.repo.ts';
import { eeoRoutes } from './eeo.routes.ts';
import { createEeoService, type EeoService } from './eeo.service.ts';

export { eeoEvents, eeoEventTypes } from './eeo.events.ts';
export { checkEeoAnswers, type EeoAnswersInput } from './eeo.answers.ts';
export { EeoAnswersBodySchema, type EeoQuestion } from './eeo.schemas.ts';
export type { EeoService } from './eeo.service.ts';

/** What applying needs: the questions to check answers against, and where answers go. */
export type EeoForm = Pick<EeoService, 'form' | 'record'>;

export function createEqualOpportunityArea(deps: {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  jobs: Pick<JobsService, 'get'>;
  clock?: () => Date;
}): { routes: FastifyPluginAsync[]; service: EeoService } {
  const service = createEeoService({ ...deps, repo: createEeoRepo(), clock: deps.clock ?? (() => new Date()) });
  return { routes: [eeoRoutes(service)], service };
}
