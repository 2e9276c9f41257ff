import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import { erasureRequests, type ErasureRequestStatus } from './rights.requests.table.ts';

export type ErasureRequestRow = typeof erasureRequests.$inferSelect;
export interface ErasureRequestPosition {
  requestedAt: string;
  id: string;
}

/** Candidates' erasure requests: recorded from the status page, decided by recruiters. */
export function createErasureRequestsRepo() {
  return {
    /** A new pending request, or null when the candidate already has one (at most one pending each). */
    async insertPending(tx: DbExecutor, orgId: string, candidateId: string, reason: string | null, at: Date): Promise<ErasureRequestRow | null> {
      const [row] = await tx.insert(erasureRequests).values({ id: newId('erq'), orgId, candidateId, reason, requestedAt: at }).onConflictDoNothing().returning();
      return row ?? null;
    },

    /** The candidate's most recent request, whatever became of it. */
    async latestFor(tx: DbExecutor, orgId: string, candidateId: string): Promise<ErasureRequestRow | null> {
      const [row] = await tx.select().from(erasureRequests).where(and(eq(erasureRequests.orgId, orgId), eq(erasureRequests.candidateId, candidateId)))
        .orderBy(desc(erasureRequests.requestedAt), desc(erasureRequests.id)).limit(1);
      return row ?? null;
    },

    async find(tx: DbExecutor, orgId: string, id: string): Promise<ErasureRequestRow | null> {
      const [row] = await tx.select().from(erasureRequests).where(and(eq(erasureRequests.orgId, orgId), eq(erasureRequests.id, id)));
      return row ?? null;
    },

    async lock(tx: DbExecutor, orgId: string, id: string): Promise<ErasureRequestRow | null> {
      const [row] = await tx.select().from(erasureRequests).where(and(eq(erasureRequests.orgId, orgId), eq(erasureRequests.id, id))).for('update');
      return row ?? null;
    },

    async update(tx: DbExecutor, id: string, patch: Partial<Pick<ErasureRequestRow, 'status' | 'decidedAt' | 'decidedByType' | 'decidedById' | 'declineNote'>>): Promise<ErasureRequestRow> {
      const [row] = await tx.update(erasureRequests).set(patch).where(eq(erasureRequests.id, id)).returning();
      if (!row) throw new Error(`erasure request ${id} vanished`);
      return row;
    },

    /** A page of requests in one status, oldest first (the order they should be answered in). */
    list(tx: DbExecutor, orgId: string, query: { status: ErasureRequestStatus; after?: ErasureRequestPosition; limit: number }): Promise<ErasureRequestRow[]> {
      const { after } = query;
      return tx.select().from(erasureRequests).where(and(
        eq(erasureRequests.orgId, orgId), eq(erasureRequests.status, query.status),
        after ? sql`(${erasureRequests.requestedAt}, ${erasureRequests.id}) > (${after.requestedAt}::timestamptz, ${after.id})` : undefined,
      )).orderBy(asc(erasureRequests.requestedAt), asc(erasureRequests.id)).limit(query.limit);
    },

    /**
     * For an erasure: pending requests of these candidates are done, and every request loses the
     * free text in it (the candidate's words, a decline note), which may name them.
     */
    async settleForErasure(tx: DbExecutor, orgId: string, candidateIds: readonly string[], at: Date): Promise<void> {
      const mine = and(eq(erasureRequests.orgId, orgId), inArray(erasureRequests.candidateId, [...candidateIds]));
      await tx.update(erasureRequests).set({ status: 'erased', decidedAt: at }).where(and(mine, eq(erasureRequests.status, 'pending')));
      await tx.update(erasureRequests).set({ reason: null, declineNote: null }).where(mine);
    },
  };
}
export type ErasureRequestsRepo = ReturnType<typeof createErasureRequestsRepo>;
