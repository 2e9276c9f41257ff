import { and, eq } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { calendarFeeds } from './interviews.table.ts';

/** Private calendar feeds: one per person per org, found by its token's hash. */
export function createCalendarFeedsRepo() {
  return {
    /** Sets the person's feed token, replacing (and so revoking) the one before. */
    async put(tx: DbExecutor, orgId: string, userId: string, tokenHash: string, at: Date): Promise<void> {
      await tx.insert(calendarFeeds).values({ orgId, userId, tokenHash, createdAt: at })
        .onConflictDoUpdate({ target: [calendarFeeds.orgId, calendarFeeds.userId], set: { tokenHash, createdAt: at } });
    },

    async remove(tx: DbExecutor, orgId: string, userId: string): Promise<void> {
      await tx.delete(calendarFeeds).where(and(eq(calendarFeeds.orgId, orgId), eq(calendarFeeds.userId, userId)));
    },

    /** Whose feed a token hash opens; on the unscoped connection, since the token is what names the org. */
    async findByHash(unscoped: DbExecutor, tokenHash: string): Promise<{ orgId: string; userId: string } | null> {
      const [row] = await unscoped.select({ orgId: calendarFeeds.orgId, userId: calendarFeeds.userId }).from(calendarFeeds).where(eq(calendarFeeds.tokenHash, tokenHash)).limit(1);
      return row ?? null;
    },
  };
}
export type CalendarFeedsRepo = ReturnType<typeof createCalendarFeedsRepo>;
