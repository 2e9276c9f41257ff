import { and, asc, eq, gt, inArray, isNull, lt, notInArray, sql } from 'drizzle-orm';
import { queryRows, type DbExecutor } from '../../infra/db/database.ts';
import type { EventType } from './events.catalogue.ts';
import { domainEvents } from './events.table.ts';
import { insertRows } from '../../infra/db/insert-parts.ts';

export type DomainEventRow = typeof domainEvents.$inferSelect;

/** What a redacted event's payload becomes: its id, type, version, subject and time stay. */
export const redactedPayload = { redacted: true } as const;

// Arbitrary but fixed: every instance's relay contends for the same session lock.
const OUTBOX_RELAY_LOCK_KEY = 728_301_214;

/** Every query runs on the executor it is given: a tenant or unscoped transaction chosen by the service. */
export function createEventsRepo() {
  return {
    async insert(rows: (typeof domainEvents.$inferInsert)[], tx: DbExecutor): Promise<void> {
      if (rows.length > 0) await insertRows(tx, domainEvents, rows);
    },

    async list(orgId: string, filter: { type?: EventType; subjectId?: string; afterId?: string; limit: number }, tx: DbExecutor): Promise<DomainEventRow[]> {
      return tx.select().from(domainEvents)
        .where(and(
          eq(domainEvents.orgId, orgId),
          filter.type ? eq(domainEvents.type, filter.type) : undefined,
          filter.subjectId ? eq(domainEvents.subjectId, filter.subjectId) : undefined,
          filter.afterId ? gt(domainEvents.id, filter.afterId) : undefined,
        ))
        .orderBy(asc(domainEvents.id))
        .limit(filter.limit);
    },

    /** The org's events with ids after `afterId` and before `beforeId`, oldest first: a relay's next batch. */
    async between(orgId: string, afterId: string, beforeId: string, limit: number, tx: DbExecutor): Promise<DomainEventRow[]> {
      return tx.select().from(domainEvents)
        .where(and(eq(domainEvents.orgId, orgId), gt(domainEvents.id, afterId), lt(domainEvents.id, beforeId)))
        .orderBy(asc(domainEvents.id))
        .limit(limit);
    },

    async byIds(orgId: string, ids: readonly string[], tx: DbExecutor): Promise<DomainEventRow[]> {
      if (ids.length === 0) return [];
      return tx.select().from(domainEvents).where(and(eq(domainEvents.orgId, orgId), inArray(domainEvents.id, [...ids])));
    },

    /** The oldest events not yet published to the outlet, across organizations, in id order (the partial index serves it). */
    async unpublished(limit: number, db: DbExecutor): Promise<DomainEventRow[]> {
      return db.select().from(domainEvents).where(isNull(domainEvents.publishedAt)).orderBy(asc(domainEvents.id)).limit(limit);
    },

    async markPublished(ids: readonly string[], db: DbExecutor): Promise<void> {
      if (ids.length > 0) await db.update(domainEvents).set({ publishedAt: sql`now()` }).where(inArray(domainEvents.id, [...ids]));
    },

    /** How far the relay is behind: unpublished events (counted up to `countUpTo`) and the oldest one's time. */
    async outboxLag(countUpTo: number, db: DbExecutor): Promise<{ unpublished: number; oldestOccurredAt: Date | null }> {
      const [oldest] = await db.select({ occurredAt: domainEvents.occurredAt }).from(domainEvents)
        .where(isNull(domainEvents.publishedAt)).orderBy(asc(domainEvents.id)).limit(1);
      if (!oldest) return { unpublished: 0, oldestOccurredAt: null };
      // Capped, so a long outage's backlog does not make every readiness probe count millions of rows.
      const [counted] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (select 1 from domain_events where published_at is null limit ${countUpTo}) waiting`);
      return { unpublished: counted?.n ?? 0, oldestOccurredAt: oldest.occurredAt };
    },

    /** One relay at a time across instances: a session lock, so it must be taken and released on one connection. */
    async tryLockRelay(db: DbExecutor): Promise<boolean> {
      const [row] = await queryRows<{ locked: boolean }>(db, sql`select pg_try_advisory_lock(${OUTBOX_RELAY_LOCK_KEY}) as locked`);
      return row?.locked === true;
    },

    async unlockRelay(db: DbExecutor): Promise<void> {
      await db.execute(sql`select pg_advisory_unlock(${OUTBOX_RELAY_LOCK_KEY})`);
    },

    /** Replaces the payloads of the org's events about these subjects, except events of the `keep` types; returns how many. */
    async redactPayloads(orgId: string, subjectIds: readonly string[], keep: readonly EventType[], tx: DbExecutor): Promise<number> {
      if (subjectIds.length === 0) return 0;
      const rows = await tx.update(domainEvents).set({ payload: { ...redactedPayload } })
        .where(and(
          eq(domainEvents.orgId, orgId), inArray(domainEvents.subjectId, [...subjectIds]),
          keep.length > 0 ? notInArray(domainEvents.type, [...keep]) : undefined,
        ))
        .returning({ id: domainEvents.id });
      return rows.length;
    },
  };
}
export type EventsRepo = ReturnType<typeof createEventsRepo>;
