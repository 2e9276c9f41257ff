import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { emailLinks } from './accounts.table.ts';

export type EmailLinkRow = typeof emailLinks.$inferSelect;
export type EmailLinkPurpose = EmailLinkRow['purpose'];

/** Every query runs on the executor it is given: a tenant or unscoped transaction chosen by the service. */
export function createEmailLinksRepo() {
  return {
    async insert(row: typeof emailLinks.$inferInsert, tx: DbExecutor): Promise<void> {
      await tx.insert(emailLinks).values(row);
    },

    /** Spends every unused link of this purpose, so only the newest one mailed works. */
    async spendOutstanding(userId: string, purpose: EmailLinkPurpose, now: Date, tx: DbExecutor): Promise<void> {
      await tx.update(emailLinks).set({ usedAt: now })
        .where(and(eq(emailLinks.userId, userId), eq(emailLinks.purpose, purpose), isNull(emailLinks.usedAt)));
    },

    /** Marks the link used and returns it, in one statement, so two clicks cannot both succeed. */
    async claim(tokenHash: string, purpose: EmailLinkPurpose, now: Date, tx: DbExecutor): Promise<EmailLinkRow | null> {
      const [row] = await tx.update(emailLinks).set({ usedAt: now })
        .where(and(eq(emailLinks.tokenHash, tokenHash), eq(emailLinks.purpose, purpose), isNull(emailLinks.usedAt), gt(emailLinks.expiresAt, now)))
        .returning();
      return row ?? null;
    },
  };
}
export type EmailLinksRepo = ReturnType<typeof createEmailLinksRepo>;
