import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Security events, append-only: a trigger in the migration refuses UPDATE and DELETE. */
export const auditEvents = pgTable('audit_events', {
  id: text('id').primaryKey(),
  /** Null only for events about no known org, such as a failed login for an unknown email. */
  orgId: text('org_id'),
  actorType: text('actor_type').$type<'user' | 'api-key' | 'anonymous' | 'system'>().notNull(),
  actorId: text('actor_id'),
  action: text('action').notNull(),
  targetType: text('target_type'),
  targetId: text('target_id'),
  ip: text('ip'),
  userAgent: text('user_agent'),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
}, (t) => [
  index('audit_events_org_idx').on(t.orgId, t.id.desc()),
  index('audit_events_org_action_idx').on(t.orgId, t.action, t.id.desc()),
]);
