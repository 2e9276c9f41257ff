// Applications: a candidate's place in a job's pipeline, every move, and its history.
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../../infra/db/database.ts';
import type { EventsService } from '../../events/index.ts';
import type { JobsService } from '../../jobs/index.ts';
import { createCandidatesRepo } from '../candidates/index.ts';
import type { PipelinesRepo } from '../pipelines/index.ts';
import { createApplicationActions, type ApplicationActionsDeps } from './applications.actions.ts';
import { createPipelineViewRepo } from './applications.pipeline.repo.ts';
import { createApplicationsRepo } from './applications.repo.ts';
import { applicationsRoutes } from './applications.routes.ts';
import { createApplicationsService } from './applications.service.ts';

export { applicationEvents } from './applications.events.ts';
export type { ApplicationActions } from './applications.actions.ts';
export { createApplication, createApplications, type HistoryActor, type NewApplicationInput } from './applications.create.ts';
export { ApplicationSchema, AnswerValueSchema, type Application } from './applications.schemas.ts';
export type { HistoryAction } from './applications.table.ts';
export { createApplicationsRepo, toApplication, type ApplicationRow, type ApplicationsRepo, type HistoryEntry, type NewApplication } from './applications.repo.ts';

export function createApplicationsArea(deps: {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  jobs: Pick<JobsService, 'get'>;
  /** A job's stages, copied from the org's default template on first use (the pipelines area's; injected, since that area uses this one). */
  stagesOf: PipelinesRepo['stagesOf'];
  log: { error(details: object, message: string): void };
  emails?: ApplicationActionsDeps['emails'];
  clock?: () => Date;
}) {
  const repo = createApplicationsRepo();
  const service = createApplicationsService({ ...deps, repo, view: createPipelineViewRepo() });
  const actions = createApplicationActions({ events: deps.events, repo, stagesOf: deps.stagesOf, candidates: createCandidatesRepo(), log: deps.log, emails: deps.emails, clock: deps.clock });
  const routes: FastifyPluginAsync[] = [applicationsRoutes(service, actions)];
  return { service, actions, routes, countForJob: repo.countForJob };
}
