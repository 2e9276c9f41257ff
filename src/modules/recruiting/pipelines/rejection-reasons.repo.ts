import { and, asc, count, eq, isNull, ne, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import { rejectionReasons } from './pipelines.table.ts';

export type RejectionReasonRow = typeof rejectionReasons.$inferSelect;

/** What an org starts with: the reasons Greenhouse and Lever ship, merged and trimmed. */
export const defaultRejectionReasons: readonly string[] = [
  'Not qualified', 'Hired someone else', 'Withdrew / not interested', 'Failed interview', 'Compensation mismatch', 'Position closed',
];

const byId = (orgId: string, id: string) => and(eq(rejectionReasons.orgId, orgId), eq(rejectionReasons.id, id));

export function createRejectionReasonsRepo() {
  return {
    /**
     * Writes the default list the first time an org's reasons are used. Reasons are archived, never
     * deleted, so an org with none has never had its defaults; two first uses at once insert the
     * same names, and the unique index on the name lets only one of each through.
     */
    async ensureDefaults(tx: DbExecutor, orgId: string, now: Date): Promise<void> {
      const [any] = await tx.select({ id: rejectionReasons.id }).from(rejectionReasons).where(eq(rejectionReasons.orgId, orgId)).limit(1);
      if (any) return;
      await tx.insert(rejectionReasons).values(defaultRejectionReasons.map((name) => ({ id: newId('rjr'), orgId, name, createdAt: now }))).onConflictDoNothing();
    },

    /** Serializes an org's reason writes, so a name check and the write after it see the same list. */
    lock: (tx: DbExecutor, orgId: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`rejection-reasons:${orgId}`}, 0))`),

    list: (tx: DbExecutor, orgId: string): Promise<RejectionReasonRow[]> =>
      tx.select().from(rejectionReasons).where(eq(rejectionReasons.orgId, orgId)).orderBy(asc(rejectionReasons.id)),

    async count(tx: DbExecutor, orgId: string): Promise<number> {
      const [row] = await tx.select({ n: count() }).from(rejectionReasons).where(eq(rejectionReasons.orgId, orgId));
      return row?.n ?? 0;
    },

    async find(tx: DbExecutor, orgId: string, id: string): Promise<RejectionReasonRow | null> {
      return (await tx.select().from(rejectionReasons).where(byId(orgId, id)))[0] ?? null;
    },

    /** A reason that can be given for a new rejection: the org's, and not archived. */
    async findActive(tx: DbExecutor, orgId: string, id: string): Promise<RejectionReasonRow | null> {
      return (await tx.select().from(rejectionReasons).where(and(byId(orgId, id), isNull(rejectionReasons.archivedAt))))[0] ?? null;
    },

    /** Another reason of the org with this name, ignoring case. */
    async nameTaken(tx: DbExecutor, orgId: string, name: string, exceptId?: string): Promise<boolean> {
      const [row] = await tx.select({ id: rejectionReasons.id }).from(rejectionReasons).where(and(
        eq(rejectionReasons.orgId, orgId), sql`lower(${rejectionReasons.name}) = lower(${name})`, exceptId ? ne(rejectionReasons.id, exceptId) : undefined,
      )).limit(1);
      return row !== undefined;
    },

    async insert(tx: DbExecutor, orgId: string, name: string, now: Date): Promise<RejectionReasonRow> {
      const [row] = await tx.insert(rejectionReasons).values({ id: newId('rjr'), orgId, name, createdAt: now }).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },

    async update(tx: DbExecutor, orgId: string, id: string, patch: Partial<Pick<RejectionReasonRow, 'name' | 'archivedAt'>>): Promise<RejectionReasonRow> {
      const [row] = await tx.update(rejectionReasons).set(patch).where(byId(orgId, id)).returning();
      if (!row) throw new Error('reason vanished under its lock');
      return row;
    },
  };
}
export type RejectionReasonsRepo = ReturnType<typeof createRejectionReasonsRepo>;
