import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database } from '../../infra/db/database.ts';
import type { TaskDefinition } from '../../infra/queue/task-runner.ts';
import type { EventsService } from '../events/index.ts';
import type { JobsService } from '../jobs/index.ts';
import type { OrgsService } from '../orgs/index.ts';
import { applicationEvents } from './applications/index.ts';
import { candidateEvents } from './candidates/index.ts';

/**
 * Applicant tracking: candidates, their applications, each job's pipeline, and applying. One module
 * with an area per concern, because candidate search filters by job and stage and an application is
 * created in the same transaction as its candidate: within a module, repositories may join a sibling
 * area's tables; across modules they may not.
 */
export const recruitingEvents = [...candidateEvents, ...applicationEvents] as const;

export interface RecruitingDeps {
  database: Pick<Database, 'tenant' | 'unscoped' | 'unscopedTransaction'>;
  events: Pick<EventsService, 'withEvents' | 'onCommitted'>;
  orgs: Pick<OrgsService, 'findBySlug' | 'get'>;
  jobs: JobsService;
  isMember: (orgId: string, userId: string) => Promise<boolean>;
  config: Pick<Config, 'applyRateLimitPerIp' | 'publicBaseUrl'>;
  log: { info(details: object, message: string): void; warn(details: object, message: string): void; error(details: object, message: string): void };
  clock?: () => Date;
}

export function createRecruitingModule(deps: RecruitingDeps) {
  void deps;
  // Each area adds its routes and tasks here.
  const routes: FastifyPluginAsync[] = [];
  const tasks: TaskDefinition[] = [];
  return { routes, tasks };
}
export type RecruitingModule = ReturnType<typeof createRecruitingModule>;
