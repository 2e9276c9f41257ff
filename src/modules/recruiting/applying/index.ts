import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { enforce } from '../../../http/rate-limit.ts';
import type { Database } from '../../../infra/db/database.ts';
import { createIdempotencyStore } from '../../../infra/idempotency/index.ts';
import type { TaskDefinition } from '../../../infra/queue/task-runner.ts';
import { createRateLimiter, type RateLimitStore } from '../../../infra/rate-limit/rate-limiter.ts';
import type { EventsService } from '../../events/index.ts';
import { jobEventTypes, type JobsService } from '../../jobs/index.ts';
import type { OrgsService } from '../../orgs/index.ts';
import { createApplications } from '../applications/index.ts';
import type { AttachmentFiles } from '../attachments/index.ts';
import type { EeoForm } from '../equal-opportunity/index.ts';
import { createCandidatesRepo } from '../candidates/index.ts';
import { createPipelinesRepo } from '../pipelines/index.ts';
import { applyingRoutes } from './applying.routes.ts';
import { createApplyingService, type ApplyInput, type ApplyingService, type ApplyingServiceDeps, type ApplyTarget } from './applying.service.ts';
import { readMultipart } from './applying.multipart.ts';
import { applyingTasks } from './applying.tasks.ts';
import { createQuestionsRepo, preparePublicForm, type PublicForm } from './questions.repo.ts';
import { createQuestionsService } from './questions.service.ts';

import { applicationFormEventTypes } from './applying.events.ts';

export { applicationFormEventTypes, applyingEvents } from './applying.events.ts';
export type { Question } from './questions.schemas.ts';
export type { PublicForm } from './questions.repo.ts';
export type { ApplyInput, ApplyResult, ApplyTarget } from './applying.service.ts';
export { MAX_FILE_BYTES, UnreadableForm } from './applying.multipart.ts';

/**
 * Applying as another public form (the careers site) does it: the same service, limits and idempotency as
 * POST /v1/boards/{org}/jobs/{id}/applications, so a form and the API can never disagree on what is accepted.
 */
export interface PublicApplyForm {
  target: ApplyingService['target'];
  apply: ApplyingService['apply'];
  /**
   * Reads a multipart application (the form's fields) within the target's limits; needs @fastify/multipart on the route's plugin.
   * A form refused part-way throws UnreadableForm, holding what was read before the problem.
   */
  read(request: FastifyRequest, target: ApplyTarget): Promise<ApplyInput>;
  /** Counts one application from the client's address against the API's own limit (one counter for both); throws rate-limited. */
  limit(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

export interface ApplyingDeps {
  database: Pick<Database, 'tenant' | 'unscoped' | 'unscopedTransaction'>;
  events: Pick<EventsService, 'withEvents' | 'onCommitted'>;
  orgs: Pick<OrgsService, 'findBySlug'>;
  jobs: Pick<JobsService, 'get' | 'forApplying'>;
  files: AttachmentFiles;
  /** The org's voluntary equal-opportunity questions, and where their answers go. */
  eeo: EeoForm;
  /** Applications per client address per minute. */
  rateLimitPerMinute: number;
  emails?: ApplyingServiceDeps['emails'];
  /** Where the counts live (Redis when configured, shared by every instance); in this process by default. */
  rateLimits?: RateLimitStore;
  clock?: () => Date;
}

/** Public applying: each job's questions, the apply endpoint (multipart and JSON), idempotency keys and their sweep. */
export function createApplyingArea(deps: ApplyingDeps): {
  routes: FastifyPluginAsync[];
  tasks: TaskDefinition[];
  /** The job's questions and the org's equal-opportunity ones, as its public page lists them: one statement. */
  applicationForm: (orgId: string, jobId: string) => Promise<PublicForm>;
  /** Applying without HTTP, for the demo seed and imports: the same checks and transaction as the public route. */
  applying: ApplyingService;
  publicForm: PublicApplyForm;
} {
  const clock = deps.clock ?? (() => new Date());
  const idempotency = createIdempotencyStore();
  const questions = createQuestionsService({ database: deps.database, events: deps.events, jobs: deps.jobs, repo: createQuestionsRepo() });
  const applying = createApplyingService({
    events: deps.events, orgs: deps.orgs, jobs: deps.jobs, questions, files: deps.files, idempotency, clock,
    candidates: createCandidatesRepo(), pipelines: createPipelinesRepo(), createApplications, eeo: deps.eeo, emails: deps.emails,
  });
  // A job's or its form's change forgets what applying remembers of it (see target()).
  deps.events.onCommitted([...jobEventTypes, ...applicationFormEventTypes], (event) => applying.forgetTarget(event.subjectId));
  const limiter = createRateLimiter({ keyPrefix: 'apply', points: deps.rateLimitPerMinute, durationSeconds: 60 }, deps.rateLimits);
  return {
    routes: [applyingRoutes({ applying, questions, limiter })],
    tasks: applyingTasks({ database: deps.database, idempotency, clock }),
    applicationForm: preparePublicForm(deps.database.unscoped),
    applying,
    publicForm: {
      target: (orgSlug, jobId) => applying.target(orgSlug, jobId),
      apply: (target, input, key) => applying.apply(target, input, key),
      read: (request, target) => readMultipart(request, target.questions, target.eeoQuestions.length),
      limit: async (request, reply) => enforce(reply, [{ decision: await limiter.consume(request.ip), what: 'applications from your address' }]),
    },
  };
}
