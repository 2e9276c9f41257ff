import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { jobs } from '../../jobs/jobs.table.ts';
import { applications } from '../applications/applications.table.ts';
import { interviews } from '../interviews/interviews.table.ts';

export const recommendations = ['strong_no', 'no', 'yes', 'strong_yes'] as const;
export type Recommendation = (typeof recommendations)[number];

/** One rating as it was given: the criterion's name is kept, so history reads the same after the job's criteria change. */
export interface Rating {
  criterionId: string;
  criterion: string;
  rating: number;
}

/** What a job's interviewers rate candidates on, in order (kept like the job's application questions). */
export const scorecardCriteria = pgTable('scorecard_criteria', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  jobId: text('job_id').notNull().references(() => jobs.id, { onDelete: 'cascade' }),
  position: integer('position').notNull(),
  name: text('name').notNull(),
  description: text('description'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [index('scorecard_criteria_job_idx').on(t.jobId, t.position)]);

/**
 * One interviewer's scorecard for one interview: the open draft (private to its author) and how many
 * versions were submitted. Submitted versions live in scorecard_versions and never change.
 */
export const scorecards = pgTable('scorecards', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  applicationId: text('application_id').notNull().references(() => applications.id),
  interviewId: text('interview_id').notNull().references(() => interviews.id),
  // Copied from the interview (whose job never changes), so the assigned-jobs rule needs no join.
  jobId: text('job_id').notNull(),
  interviewerId: text('interviewer_id').notNull(),
  /** Bumped on every save and submit: the ETag a write's If-Match names. */
  revision: integer('revision').notNull().default(0),
  /** The latest submitted version; 0 until the first submit. */
  submittedVersion: integer('submitted_version').notNull().default(0),
  /** Null when no draft is open (never saved, or submitted since). */
  draftSavedAt: timestamp('draft_saved_at', { withTimezone: true, mode: 'date' }),
  draftRatings: jsonb('draft_ratings').$type<Rating[]>(),
  draftNotes: text('draft_notes'),
  draftRecommendation: text('draft_recommendation').$type<Recommendation>(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('scorecards_interview_interviewer_key').on(t.interviewId, t.interviewerId),
  index('scorecards_application_idx').on(t.applicationId, t.interviewerId),
]);

/** Every submitted version of a scorecard: an edit after submitting is a new version, the earlier ones stay. */
export const scorecardVersions = pgTable('scorecard_versions', {
  scorecardId: text('scorecard_id').notNull().references(() => scorecards.id),
  version: integer('version').notNull(),
  orgId: text('org_id').notNull(),
  ratings: jsonb('ratings').$type<Rating[]>().notNull(),
  notes: text('notes'),
  recommendation: text('recommendation').$type<Recommendation>().notNull(),
  submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
}, (t) => [primaryKey({ columns: [t.scorecardId, t.version] })]);
