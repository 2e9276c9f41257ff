import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { candidates } from '../candidates/candidates.table.ts';

export type AttachmentKind = 'resume' | 'cover_letter' | 'answer' | 'other';
/** pending: not read yet; extracted: text stored; failed: kept, but no text (see textFailure); none: not a document. */
export type TextStatus = 'pending' | 'extracted' | 'failed' | 'none';

/** A candidate's file: the bytes live in the file store under storeKey, this row says what they are. */
export const attachments = pgTable('candidate_attachments', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  candidateId: text('candidate_id').notNull().references(() => candidates.id),
  /** The application it came with, if any. */
  applicationId: text('application_id'),
  kind: text('kind').$type<AttachmentKind>().notNull(),
  /** For a `file` question's answer. */
  questionId: text('question_id'),
  storeKey: text('store_key').notNull(),
  fileName: text('file_name').notNull(),
  /** Decided from the bytes, never from the name or the client's content type. */
  mediaType: text('media_type').notNull(),
  sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
  sha256: text('sha256').notNull(),
  textStatus: text('text_status').$type<TextStatus>().notNull().default('pending'),
  textFailure: text('text_failure'),
  /** When a worker took the file to read it; another may take it again once this is older than the lease. */
  textClaimedAt: timestamp('text_claimed_at', { withTimezone: true, mode: 'date' }),
  text: text('text'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [
  index('candidate_attachments_candidate_idx').on(t.orgId, t.candidateId),
  index('candidate_attachments_pending_idx').on(t.createdAt).where(sql`text_status = 'pending'`),
]);
