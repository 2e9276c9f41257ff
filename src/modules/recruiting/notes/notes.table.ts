import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { candidates } from '../candidates/candidates.table.ts';

/** A note on a candidate, or on one of their applications. */
export const notes = pgTable('notes', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  candidateId: text('candidate_id').notNull().references(() => candidates.id),
  applicationId: text('application_id'),
  authorType: text('author_type').$type<'user' | 'api-key' | 'system'>().notNull(),
  authorId: text('author_id'),
  body: text('body').notNull(),
  /** User ids of mentioned org members. */
  mentions: text('mentions').array().notNull().default(sql`'{}'::text[]`),
  /** private: only its author and the org's owners and admins see it. */
  visibility: text('visibility').$type<'team' | 'private'>().notNull().default('team'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [index('notes_candidate_idx').on(t.orgId, t.candidateId, t.createdAt.desc(), t.id.desc())]);
