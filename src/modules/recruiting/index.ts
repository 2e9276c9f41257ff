import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database } from '../../infra/db/database.ts';
import type { RateLimitStore } from '../../infra/rate-limit/rate-limiter.ts';
import type { FileStore } from '../../infra/files/file-store.ts';
import type { TaskDefinition } from '../../infra/queue/task-runner.ts';
import type { AuditService } from '../audit/index.ts';
import type { EventsService, RedactSubjects } from '../events/index.ts';
import type { JobsService } from '../jobs/index.ts';
import type { MailOutbox } from '../mail/index.ts';
import type { OrgsService } from '../orgs/index.ts';
import { applicationEvents, createApplicationsArea } from './applications/index.ts';
import { applyingEvents, createApplyingArea } from './applying/index.ts';
import { createAttachmentsArea } from './attachments/index.ts';
import { candidateEvents, createCandidatesArea } from './candidates/index.ts';
import { createEmailsArea } from './emails/index.ts';
import { createPipelinesArea, createPipelinesRepo, pipelineEvents } from './pipelines/index.ts';
import { createNotesArea, noteEvents } from './notes/index.ts';
import { createReportsArea } from './reports/index.ts';
import { createRightsArea, rightsEvents } from './rights/index.ts';
import { createInterviewsArea, interviewEvents, type MemberContacts } from './interviews/index.ts';
import { createEqualOpportunityArea, eeoEvents, eeoEventTypes } from './equal-opportunity/index.ts';
import { createScorecardsArea, scorecardEvents } from './scorecards/index.ts';
import { createStatusArea } from './status/index.ts';
import { createOffersArea, offerEvents } from './offers/index.ts';

/**
 * Applicant tracking: candidates, their applications, each job's pipeline, and applying. One module
 * with an area per concern, because candidate search filters by job and stage and an application is
 * created in the same transaction as its candidate: within a module, repositories may join a sibling
 * area's tables; across modules they may not.
 */
export const recruitingEvents = [...candidateEvents, ...applicationEvents, ...pipelineEvents, ...noteEvents, ...applyingEvents, ...rightsEvents, ...interviewEvents, ...scorecardEvents, ...eeoEvents, ...offerEvents] as const;
export { applicationFormEventTypes, MAX_FILE_BYTES, UnreadableForm, type ApplyInput, type ApplyTarget, type PublicApplyForm } from './applying/index.ts';
export type { RetentionRun } from './rights/index.ts';
/** The events that change every job's public page: the org's equal-opportunity questions. */
export const orgFormEventTypes = eeoEventTypes;

export interface RecruitingDeps {
  database: Pick<Database, 'tenant' | 'unscoped' | 'unscopedTransaction'>;
  events: Pick<EventsService, 'withEvents' | 'onCommitted'>;
  /** Erasure redacts earlier events about the person (the events module's). */
  redactEvents: RedactSubjects;
  /** Erasure requests are recorded in the audit log. */
  audit: Pick<AuditService, 'record'>;
  orgs: Pick<OrgsService, 'findBySlug' | 'get'>;
  jobs: JobsService;
  isMember: (orgId: string, userId: string) => Promise<boolean>;
  /** Email, name and role of the members among some user ids: interview invites name their people. */
  memberContacts: MemberContacts;
  /** Where rate-limit counts live (Redis when configured). */
  rateLimits?: RateLimitStore;
  /** Where uploaded files' bytes go (the disk under FILES_DIR by default). */
  files: FileStore;
  /** Whether requests keep the process busy: background reading of résumés yields to them. */
  busy?: () => boolean;
  config: Pick<Config, 'applyRateLimitPerIp' | 'publicBaseUrl' | 'mailFrom'>;
  log: { info(details: object, message: string): void; warn(details: object, message: string): void; error(details: object, message: string): void };
  /** Where the emails to candidates go (the mail module's); none without it. */
  mail?: MailOutbox;
  clock?: () => Date;
}

export function createRecruitingModule(deps: RecruitingDeps) {
  const routes: FastifyPluginAsync[] = [];
  const tasks: TaskDefinition[] = [];
  const jobTitle = async (orgId: string, jobId: string) => (await deps.jobs.forApplying(orgId, jobId))?.title ?? null;
  const emails = deps.mail ? createEmailsArea({
    database: deps.database, mail: deps.mail, orgName: async (orgId) => (await deps.orgs.get(orgId)).name, jobTitle, publicBaseUrl: deps.config.publicBaseUrl, clock: deps.clock,
  }) : undefined;
  const candidates = createCandidatesArea({ database: deps.database, events: deps.events, clock: deps.clock });
  routes.push(...candidates.routes);
  const pipelines = createPipelinesArea({ database: deps.database, events: deps.events, jobs: deps.jobs, clock: deps.clock });
  routes.push(...pipelines.routes);
  const notes = createNotesArea({ database: deps.database, events: deps.events, isMember: deps.isMember, clock: deps.clock });
  routes.push(...notes.routes);
  const applications = createApplicationsArea({
    database: deps.database, events: deps.events, jobs: deps.jobs, stagesOf: createPipelinesRepo().stagesOf, log: deps.log, emails, clock: deps.clock,
  });
  routes.push(...applications.routes);
  const attachments = createAttachmentsArea({ database: deps.database, store: deps.files, log: deps.log, busy: deps.busy });
  routes.push(...attachments.routes);
  tasks.push(...attachments.tasks);
  const equalOpportunity = createEqualOpportunityArea({ database: deps.database, events: deps.events, jobs: deps.jobs, clock: deps.clock });
  routes.push(...equalOpportunity.routes);
  const applying = createApplyingArea({
    database: deps.database, events: deps.events, orgs: deps.orgs, jobs: deps.jobs, files: attachments.files, eeo: equalOpportunity.service,
    rateLimitPerMinute: deps.config.applyRateLimitPerIp, emails, rateLimits: deps.rateLimits, clock: deps.clock,
  });
  routes.push(...applying.routes);
  tasks.push(...applying.tasks);
  routes.push(...createReportsArea({ database: deps.database, jobs: deps.jobs, stagesOf: createPipelinesRepo().stagesOf }).routes);
  const rights = createRightsArea({
    database: deps.database, events: deps.events, redactEvents: deps.redactEvents, audit: deps.audit, files: deps.files, log: deps.log,
    jobTitle, publicBaseUrl: deps.config.publicBaseUrl, clock: deps.clock,
  });
  routes.push(...rights.routes);
  tasks.push(...rights.tasks);
  const interviews = createInterviewsArea({
    database: deps.database, events: deps.events, contacts: deps.memberContacts, mailFrom: deps.config.mailFrom, publicBaseUrl: deps.config.publicBaseUrl, emails, clock: deps.clock,
  });
  routes.push(...interviews.routes);
  const offers = createOffersArea({
    database: deps.database, events: deps.events, contacts: deps.memberContacts, applications: applications.actions,
    stagesOf: createPipelinesRepo().stagesOf, jobs: deps.jobs, emails, clock: deps.clock,
  });
  routes.push(...offers.routes);
  routes.push(...createScorecardsArea({ database: deps.database, events: deps.events, jobs: deps.jobs, clock: deps.clock }).routes);
  const status = createStatusArea({
    database: deps.database, actions: applications.actions, interviews: interviews.service, booking: interviews.booking, erasureRequests: rights.erasureRequests, offers: offers.service, jobTitle,
    publicBaseUrl: deps.config.publicBaseUrl, emails, clock: deps.clock,
  });
  routes.push(...status.routes);
  return { routes, tasks, candidates, pipelines, notes, applications, interviews, offers: offers.service, applying: applying.applying, publicApplyForm: applying.publicForm, applicationForm: applying.applicationForm,
    applicationsHeld: applications.countForJob, retention: rights.retention,
    /** For the mail module: mints candidates' status-page links as their emails are rendered. */
    mintStatusLinks: emails?.mintStatusLinks ?? null };
}
export type RecruitingModule = ReturnType<typeof createRecruitingModule>;
