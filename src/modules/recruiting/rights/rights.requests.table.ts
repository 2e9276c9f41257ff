import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { candidates } from '../candidates/candidates.table.ts';

export type ErasureRequestStatus = 'pending' | 'erased' | 'declined';

/**
 * A candidate's request, from their status page, to have their data erased: who, when, why, and what
 * a recruiter decided. At most one pending request per candidate.
 */
export const erasureRequests = pgTable('erasure_requests', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  candidateId: text('candidate_id').notNull().references(() => candidates.id),
  status: text('status').$type<ErasureRequestStatus>().notNull().default('pending'),
  /** The candidate's own words, if they gave any. */
  reason: text('reason'),
  requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
  /** Null with a decision: the candidate was erased some other way (directly, or by retention). */
  decidedByType: text('decided_by_type').$type<'user' | 'api-key' | 'system'>(),
  decidedById: text('decided_by_id'),
  declineNote: text('decline_note'),
}, (t) => [
  index('erasure_requests_org_status_idx').on(t.orgId, t.status, t.requestedAt, t.id),
  uniqueIndex('erasure_requests_one_pending').on(t.orgId, t.candidateId).where(sql`status = 'pending'`),
]);
