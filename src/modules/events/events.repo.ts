import { and, asc, eq, gt } from 'drizzle-orm';
import type { DbExecutor } from '../../infra/db/database.ts';
import type { EventType } from './events.catalogue.ts';
import { domainEvents } from './events.table.ts';

export type DomainEventRow = typeof domainEvents.$inferSelect;

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
  };
}
export type EventsRepo = ReturnType<typeof createEventsRepo>;
