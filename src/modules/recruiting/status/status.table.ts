import { pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { candidates } from '../candidates/candidates.table.ts';

/**
 * A candidate's status-page link in one org: the URL's token is the credential, stored only as its
 * hash. One per candidate: issuing a new link revokes the one before; erasure deletes it.
 */
export const candidateStatusLinks = pgTable('candidate_status_links', {
  orgId: text('org_id').notNull(),
  candidateId: text('candidate_id').notNull().references(() => candidates.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  createdByType: text('created_by_type').$type<'user' | 'api-key' | 'system'>().notNull(),
  createdById: text('created_by_id'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.candidateId] }), uniqueIndex('candidate_status_links_token_key').on(t.tokenHash)]);
