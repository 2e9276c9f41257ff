import { and, eq, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { users } from './accounts.table.ts';

export type UserRow = typeof users.$inferSelect;

/** People's accounts, which belong to no org. Every query runs on the executor the service chose. */
export function createAccountsRepo() {
  return {
    async insertUser(row: typeof users.$inferInsert, tx: DbExecutor): Promise<UserRow | null> {
      const [inserted] = await tx.insert(users).values(row).onConflictDoNothing().returning();
      return inserted ?? null;
    },

    async findUserByEmail(email: string, tx: DbExecutor): Promise<UserRow | null> {
      const [row] = await tx.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
      return row ?? null;
    },

    async findUser(id: string, tx: DbExecutor): Promise<UserRow | null> {
      const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
      return row ?? null;
    },

    async setPassword(userId: string, passwordHash: string, at: Date, tx: DbExecutor): Promise<void> {
      await tx.update(users).set({ passwordHash, passwordChangedAt: at }).where(eq(users.id, userId));
    },

    /** Marks the address verified only if it is still the account's address. */
    async markEmailVerified(userId: string, email: string, at: Date, tx: DbExecutor): Promise<boolean> {
      const rows = await tx.update(users).set({ emailVerifiedAt: at })
        .where(and(eq(users.id, userId), sql`lower(${users.email}) = lower(${email})`)).returning({ id: users.id });
      return rows.length > 0;
    },
  };
}
export type AccountsRepo = ReturnType<typeof createAccountsRepo>;
