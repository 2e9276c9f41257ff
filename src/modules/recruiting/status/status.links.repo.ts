import { and, eq, lte } from 'drizzle-orm';
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
     * Sets the candidate's link only if the one before has expired (or there is none), in one
     * statement; false when a working link exists, which is left as it is.
     */
    async putUnlessLive(tx: DbExecutor, row: StatusLinkRow, now: Date): Promise<boolean> {
      const { orgId: _org, candidateId: _candidate, ...rest } = row;
      const written = await tx.insert(candidateStatusLinks).values(row)
        .onConflictDoUpdate({ target: [candidateStatusLinks.orgId, candidateStatusLinks.candidateId], set: rest, setWhere: lte(candidateStatusLinks.expiresAt, now) })
        .returning({ candidateId: candidateStatusLinks.candidateId });
      return written.length > 0;
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
