import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { candidates } from '../candidates/candidates.table.ts';
import { jobStages } from '../pipelines/pipelines.table.ts';

export type ApplicationStatus = 'active' | 'rejected' | 'withdrawn' | 'hired';
export type AnswerValue = string | boolean | string[] | { attachmentId: string };
export interface Consent {
  noticeUrl: string | null;
  noticeVersion: string | null;
  consentedAt: string;
}

/** One candidate's application to one job, at one stage of the job's pipeline. */
export const applications = pgTable('applications', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  // No foreign key to jobs: deleting a job must not silently take its applications with it.
  jobId: text('job_id').notNull(),
  candidateId: text('candidate_id').notNull().references(() => candidates.id),
  stageId: text('stage_id').notNull().references(() => jobStages.id),
  status: text('status').$type<ApplicationStatus>().notNull().default('active'),
  rejectionReasonId: text('rejection_reason_id'),
  rejectionNote: text('rejection_note'),
  source: text('source').notNull().default('board'),
  sourceDetail: text('source_detail'),
  /** Answers to the job's questions, by question id. */
  answers: jsonb('answers').$type<Record<string, AnswerValue>>().notNull().default({}),
  coverLetter: text('cover_letter'),
  consent: jsonb('consent').$type<Consent>(),
  /** When the applicant agreed to be kept for future roles: the retention policy keeps them longer (rights/retention). */
  futureRolesConsentedAt: timestamp('future_roles_consented_at', { withTimezone: true, mode: 'date' }),
  appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  lastActivityAt: timestamp('last_activity_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  /** Bumped on every change: a move names the version it saw, so concurrent moves cannot both win. */
  version: integer('version').notNull().default(1),
}, (t) => [
  index('applications_stage_applied_idx').on(t.jobId, t.stageId, t.appliedAt.desc(), t.id.desc()),
  index('applications_stage_activity_idx').on(t.jobId, t.stageId, t.lastActivityAt.desc(), t.id.desc()),
  index('applications_candidate_idx').on(t.orgId, t.candidateId),
  index('applications_job_candidate_idx').on(t.jobId, t.candidateId),
]);

export type HistoryAction = 'created' | 'moved' | 'rejected' | 'unrejected' | 'withdrawn' | 'reopened' | 'hired' | 'merged'
  | 'interview_scheduled' | 'interview_rescheduled' | 'interview_cancelled' | 'scorecard_submitted';

/** Everything that ever happened to an application: who, when, from, to, why. */
export const applicationHistory = pgTable('application_history', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  applicationId: text('application_id').notNull().references(() => applications.id),
  action: text('action').$type<HistoryAction>().notNull(),
  actorType: text('actor_type').$type<'user' | 'api-key' | 'system' | 'candidate'>().notNull(),
  actorId: text('actor_id'),
  fromStageId: text('from_stage_id'),
  toStageId: text('to_stage_id'),
  reasonId: text('reason_id'),
  note: text('note'),
  details: jsonb('details').$type<Record<string, unknown>>(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [index('application_history_application_idx').on(t.applicationId, t.at, t.id)]);
