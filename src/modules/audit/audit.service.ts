import type { Database, DbExecutor } from '../../infra/db/database.ts';
import { newId } from '../../infra/db/ids.ts';
import { authorize, type Principal } from '../access/index.ts';
import type { AuditRepo, AuditRow } from './audit.repo.ts';
import type { AuditAction, AuditEvent, AuditPosition, ListAuditQuery, NewAuditEvent } from './audit.schemas.ts';

const toEvent = (row: AuditRow): AuditEvent => ({
  id: row.id,
  action: row.action as AuditAction,
  actor: { type: row.actorType, id: row.actorId },
  target: row.targetType && row.targetId ? { type: row.targetType, id: row.targetId } : null,
  ip: row.ip,
  userAgent: row.userAgent,
  data: row.data,
  occurredAt: row.occurredAt.toISOString(),
});

export function createAuditService({ database, repo }: { database: Pick<Database, 'unscoped' | 'tenant'>; repo: AuditRepo }) {
  return {
    /** Pass the transaction of the change being audited, so the record and the change commit together. */
    async record(event: NewAuditEvent, tx?: DbExecutor): Promise<void> {
      const row = {
        id: newId('aud'),
        orgId: event.orgId,
        actorType: event.actor.type,
        actorId: event.actor.id,
        action: event.action,
        targetType: event.target?.type ?? null,
        targetId: event.target?.id ?? null,
        ip: event.origin?.ip ?? null,
        userAgent: event.origin?.userAgent?.slice(0, 500) ?? null,
        data: event.data ?? {},
      };
      if (tx) return repo.insert(row, tx);
      // On its own: in the org's transaction, or unscoped for an event of no org (an unknown email's failed sign-in).
      return event.orgId ? database.tenant(event.orgId, (t) => repo.insert(row, t)) : repo.insert(row, database.unscoped);
    },

    /** Newest first; `after` is the position a previous page returned as `next`. */
    async list(principal: Principal, query: Omit<ListAuditQuery, 'cursor'> & { after?: AuditPosition }): Promise<{ data: AuditEvent[]; next: AuditPosition | null }> {
      const { orgId } = authorize(principal, 'audit:read');
      const limit = query.limit ?? 50;
      const beforeId = query.after?.id;
      const rows = await database.tenant(orgId, (tx) => repo.list(orgId, {
        action: query.action, actorId: query.actorId, targetId: query.targetId,
        since: query.since ? new Date(query.since) : undefined, until: query.until ? new Date(query.until) : undefined,
        beforeId, limit: limit + 1,
      }, tx));
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { data: page.map(toEvent), next: rows.length > limit && last ? { id: last.id } : null };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
