import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { applications } from '../applications/applications.table.ts';

/** The org's voluntary equal-opportunity questions (gender, ethnicity, veteran status, disability …), in order. */
export const eeoQuestions = pgTable('eeo_questions', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  position: integer('position').notNull(),
  label: text('label').notNull(),
  choices: text('choices').array().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [index('eeo_questions_org_idx').on(t.orgId, t.position)]);

/**
 * An applicant's answer to one of those questions, kept apart from the profile and the application
 * (whose reads never join this table): it is read only as counts, and erasure deletes it.
 */
export const eeoAnswers = pgTable('eeo_answers', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  applicationId: text('application_id').notNull().references(() => applications.id),
  // Copied from the application (whose job never changes), so a job's report reads one index.
  jobId: text('job_id').notNull(),
  questionId: text('question_id').notNull().references(() => eeoQuestions.id, { onDelete: 'cascade' }),
  choice: text('choice').notNull(),
  answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('eeo_answers_application_question_key').on(t.applicationId, t.questionId),
  index('eeo_answers_job_idx').on(t.orgId, t.jobId, t.questionId),
]);
