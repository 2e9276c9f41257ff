import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbExecutor } from '../../infra/db/database.ts';
import { emailLinks } from './identity.table.ts';

export type EmailLinkRow = typeof emailLinks.$inferSelect;
export type EmailLinkPurpose = EmailLinkRow['purpose'];

export function createEmailLinksRepo(db: DbExecutor) {
  return {
    async insert(row: typeof emailLinks.$inferInsert, tx: DbExecutor = db): Promise<void> {
      await tx.insert(emailLinks).values(row);
    },

    /** Spends every unused link of this purpose, so only the newest one mailed works. */
    async spendOutstanding(userId: string, purpose: EmailLinkPurpose, now: Date, tx: DbExecutor = db): Promise<void> {
      await tx.update(emailLinks).set({ usedAt: now })
        .where(and(eq(emailLinks.userId, userId), eq(emailLinks.purpose, purpose), isNull(emailLinks.usedAt)));
    },

    /** Marks the link used and returns it, in one statement, so two clicks cannot both succeed. */
    async claim(tokenHash: string, purpose: EmailLinkPurpose, now: Date, tx: DbExecutor = db): Promise<EmailLinkRow | null> {
      const [row] = await tx.update(emailLinks).set({ usedAt: now })
        .where(and(eq(emailLinks.tokenHash, tokenHash), eq(emailLinks.purpose, purpose), isNull(emailLinks.usedAt), gt(emailLinks.expiresAt, now)))
        .returning();
      return row ?? null;
    },
  };
}
export type EmailLinksRepo = ReturnType<typeof createEmailLinksRepo>;
