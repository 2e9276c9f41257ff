import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { EventType } from './events.catalogue.ts';

/**
 * Domain events, written in the same transaction as the change they describe (transactional
 * outbox): later issues relay them to webhooks and brokers; `published_at` marks relayed rows.
 */
export const domainEvents = pgTable('domain_events', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  type: text('type').$type<EventType>().notNull(),
  /** The catalogue version the payload was written with, so a relay knows which schema it follows. */
  version: integer('version').notNull().default(1),
  subjectId: text('subject_id').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
}, (t) => [
  index('domain_events_org_id_idx').on(t.orgId, t.id),
  index('domain_events_unpublished_idx').on(t.id).where(sql`published_at is null`),
]);
