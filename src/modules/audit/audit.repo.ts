import { and, desc, eq, gte, lt } from 'drizzle-orm';
import type { DbExecutor } from '../../infra/db/database.ts';
import { auditEvents } from './audit.table.ts';

export type AuditRow = typeof auditEvents.$inferSelect;

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetId?: string;
  since?: Date;
  until?: Date;
  beforeId?: string;
  limit: number;
}

/** Every query runs on the executor it is given: a tenant or unscoped transaction chosen by the service. */
export function createAuditRepo() {
  return {
    async insert(row: typeof auditEvents.$inferInsert, tx: DbExecutor): Promise<void> {
      await tx.insert(auditEvents).values(row);
    },

    /** Newest first; ids are time-ordered, so the id alone is the keyset. */
    async list(orgId: string, filter: AuditFilter, tx: DbExecutor): Promise<AuditRow[]> {
      return tx.select().from(auditEvents)
        .where(and(
          eq(auditEvents.orgId, orgId),
          filter.action ? eq(auditEvents.action, filter.action) : undefined,
          filter.actorId ? eq(auditEvents.actorId, filter.actorId) : undefined,
          filter.targetId ? eq(auditEvents.targetId, filter.targetId) : undefined,
          filter.since ? gte(auditEvents.occurredAt, filter.since) : undefined,
          filter.until ? lt(auditEvents.occurredAt, filter.until) : undefined,
          filter.beforeId ? lt(auditEvents.id, filter.beforeId) : undefined,
        ))
        .orderBy(desc(auditEvents.id))
        .limit(filter.limit);
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
