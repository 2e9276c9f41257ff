import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { jobs } from '../../jobs/jobs.table.ts';

export const questionKinds = ['short_text', 'long_text', 'yes_no', 'single_choice', 'multi_choice', 'file'] as const;
export type QuestionKind = (typeof questionKinds)[number];

/** The questions a job's application form asks, in order. */
export const applicationQuestions = pgTable('application_questions', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  jobId: text('job_id').notNull().references(() => jobs.id, { onDelete: 'cascade' }),
  position: integer('position').notNull(),
  label: text('label').notNull(),
  kind: text('kind').$type<QuestionKind>().notNull(),
  required: boolean('required').notNull().default(false),
  options: text('options').array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [index('application_questions_job_idx').on(t.jobId, t.position)]);
