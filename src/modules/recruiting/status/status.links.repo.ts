import { and, eq, lte, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { candidateStatusLinks } from './status.table.ts';

export type StatusLinkRow = typeof candidateStatusLinks.$inferSelect;

/** Status-page links: one per candidate per org, found by its token's hash. */
export function createStatusLinksRepo() {
  return {
    /** Sets the candidate's link, replacing (and so revoking) the one before. */
    async put(tx: DbExecutor, row: StatusLinkRow): Promise<void> {
      const { orgId: _org, candidateId: _candidate, ...rest } = row;
      await tx.insert(candidateStatusLinks).values(row).onConflictDoUpdate({ target: [candidateStatusLinks.orgId, candidateStatusLinks.candidateId], set: rest });
    },

    /**
     * Sets each candidate's link only if the one before has expired (or there is none), in one
     * statement for all of them; returns the candidates written. A working link
     * is left as it is. One row per candidate (the statement may not touch a row twice).
     */
    async putManyUnlessLive(tx: DbExecutor, rows: readonly StatusLinkRow[], now: Date): Promise<{ orgId: string; candidateId: string }[]> {
      if (rows.length === 0) return [];
      return tx.insert(candidateStatusLinks).values([...rows])
        .onConflictDoUpdate({
          target: [candidateStatusLinks.orgId, candidateStatusLinks.candidateId],
          set: {
            tokenHash: sql`excluded.token_hash`, expiresAt: sql`excluded.expires_at`, createdByType: sql`excluded.created_by_type`,
            createdById: sql`excluded.created_by_id`, createdAt: sql`excluded.created_at`,
          },
          setWhere: lte(candidateStatusLinks.expiresAt, now),
        })
        .returning({ orgId: candidateStatusLinks.orgId, candidateId: candidateStatusLinks.candidateId });
    },

    async remove(tx: DbExecutor, orgId: string, candidateId: string): Promise<void> {
      await tx.delete(candidateStatusLinks).where(and(eq(candidateStatusLinks.orgId, orgId), eq(candidateStatusLinks.candidateId, candidateId)));
    },

    /** Whose page a token hash opens; on the unscoped connection, since the token is what names the org. */
    async findByHash(unscoped: DbExecutor, tokenHash: string): Promise<Pick<StatusLinkRow, 'orgId' | 'candidateId' | 'expiresAt'> | null> {
      const [row] = await unscoped.select({ orgId: candidateStatusLinks.orgId, candidateId: candidateStatusLinks.candidateId, expiresAt: candidateStatusLinks.expiresAt })
        .from(candidateStatusLinks).where(eq(candidateStatusLinks.tokenHash, tokenHash)).limit(1);
      return row ?? null;
    },
  };
}
export type StatusLinksRepo = ReturnType<typeof createStatusLinksRepo>;
