import { and, asc, eq, gt, inArray, lt, notInArray } from 'drizzle-orm';
import type { DbExecutor } from '../../infra/db/database.ts';
import type { EventType } from './events.catalogue.ts';
import { domainEvents } from './events.table.ts';

export type DomainEventRow = typeof domainEvents.$inferSelect;

/** What a redacted event's payload becomes: its id, type, version, subject and time stay. */
export const redactedPayload = { redacted: true } as const;

/** Every query runs on the executor it is given: a tenant or unscoped transaction chosen by the service. */
export function createEventsRepo() {
  return {
    async insert(rows: (typeof domainEvents.$inferInsert)[], tx: DbExecutor): Promise<void> {
      if (rows.length > 0) await tx.insert(domainEvents).values(rows);
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
