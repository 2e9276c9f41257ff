import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per Idempotency-Key: claimed in the same transaction as the work it guards, so a
 * retry finds either the finished answer or waits for the first attempt to commit or roll back.
 */
export const idempotencyKeys = pgTable('idempotency_keys', {
  orgId: text('org_id').notNull(),
  /** The operation, e.g. "apply:job_…": a key is unique per operation, not across them. */
  scope: text('scope').notNull(),
  key: text('key').notNull(),
  /** SHA-256 of the request as the operation defines it: the same key with another body is refused. */
  requestHash: text('request_hash').notNull(),
  statusCode: integer('status_code'),
  response: jsonb('response').$type<unknown>(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.orgId, t.scope, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)]);
