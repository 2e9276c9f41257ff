import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** An org's webhook endpoint and its own cursor over domain_events (it never uses published_at, the broker relay's). */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  url: text('url').notNull(),
  description: text('description'),
  /** Null: every event type. */
  eventTypes: text('event_types').array(),
  /** Standard Webhooks `whsec_…`: kept whole, since signing needs it. */
  secret: text('secret').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  disabledReason: text('disabled_reason'),
  /** The last event id this endpoint has taken deliveries for. */
  cursor: text('cursor').notNull(),
  /** Since when every attempt has failed; null after any success. */
  failingSince: timestamp('failing_since', { withTimezone: true, mode: 'date' }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [index('webhook_endpoints_org_idx').on(t.orgId, t.id), index('webhook_endpoints_enabled_idx').on(t.id).where(sql`enabled`)]);

/** One event owed to one endpoint; the payload is read from domain_events when it is sent, never copied here. */
export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  endpointId: text('endpoint_id').notNull().references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
  eventId: text('event_id').notNull(),
  eventType: text('event_type').notNull(),
  /** The event's subject, so erasing a person also forgets what receivers answered about them. */
  subjectId: text('subject_id').notNull(),
  status: text('status').$type<DeliveryStatus>().notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('webhook_deliveries_endpoint_event_key').on(t.endpointId, t.eventId),
  index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id),
  index('webhook_deliveries_subject_idx').on(t.orgId, t.subjectId),
  index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
]);

/** The log: one row per attempt, with what came back (at most 1 KB of it). */
export const webhookAttempts = pgTable('webhook_attempts', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull(),
  deliveryId: text('delivery_id').notNull().references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
  attemptedAt: timestamp('attempted_at', { withTimezone: true, mode: 'date' }).notNull(),
  statusCode: integer('status_code'),
  latencyMs: integer('latency_ms').notNull(),
  responseExcerpt: text('response_excerpt'),
  error: text('error'),
  succeeded: boolean('succeeded').notNull(),
  manual: boolean('manual').notNull().default(false),
}, (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)]);
