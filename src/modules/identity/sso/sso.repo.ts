import { and, eq, gt, lt } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { ssoConnections, ssoIdentities, ssoLogins } from './sso.table.ts';

export type SsoConnectionRow = typeof ssoConnections.$inferSelect;
export type SsoLoginRow = typeof ssoLogins.$inferSelect;

/** Every query runs on the executor it is given: a tenant or unscoped transaction chosen by the service. */
export function createSsoRepo() {
  return {
    async findConnection(orgId: string, tx: DbExecutor): Promise<SsoConnectionRow | null> {
      const [row] = await tx.select().from(ssoConnections).where(eq(ssoConnections.orgId, orgId)).limit(1);
      return row ?? null;
    },

    async upsertConnection(row: Omit<typeof ssoConnections.$inferInsert, 'createdAt' | 'updatedAt'>, at: Date, tx: DbExecutor): Promise<SsoConnectionRow> {
      const [saved] = await tx.insert(ssoConnections).values({ ...row, createdAt: at, updatedAt: at })
        .onConflictDoUpdate({
          target: ssoConnections.orgId,
          set: { issuer: row.issuer, clientId: row.clientId, clientSecret: row.clientSecret, defaultRole: row.defaultRole, requireSso: row.requireSso ?? false, updatedAt: at },
        })
        .returning();
      if (!saved) throw new Error('upsert returned no row');
      return saved;
    },

    async deleteConnection(orgId: string, tx: DbExecutor): Promise<boolean> {
      return (await tx.delete(ssoConnections).where(eq(ssoConnections.orgId, orgId)).returning({ orgId: ssoConnections.orgId })).length > 0;
    },

    async findIdentity(issuer: string, subject: string, tx: DbExecutor): Promise<{ userId: string } | null> {
      const [row] = await tx.select({ userId: ssoIdentities.userId }).from(ssoIdentities)
        .where(and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, subject))).limit(1);
      return row ?? null;
    },

    async linkIdentity(row: typeof ssoIdentities.$inferInsert, tx: DbExecutor): Promise<void> {
      await tx.insert(ssoIdentities).values(row).onConflictDoNothing();
    },

    /** Drops every provider identity of a user; returns how many there were. */
    async unlinkUser(userId: string, tx: DbExecutor): Promise<number> {
      return (await tx.delete(ssoIdentities).where(eq(ssoIdentities.userId, userId)).returning({ s: ssoIdentities.subject })).length;
    },

    async insertLogin(row: typeof ssoLogins.$inferInsert, tx: DbExecutor): Promise<void> {
      await tx.insert(ssoLogins).values(row);
    },

    /** Deletes and returns the pending sign-in, so a callback URL works once. */
    async takeLogin(stateHash: string, orgId: string, now: Date, tx: DbExecutor): Promise<SsoLoginRow | null> {
      const [row] = await tx.delete(ssoLogins)
        .where(and(eq(ssoLogins.stateHash, stateHash), eq(ssoLogins.orgId, orgId), gt(ssoLogins.expiresAt, now)))
        .returning();
      return row ?? null;
    },

    async deleteExpiredLogins(now: Date, tx: DbExecutor): Promise<number> {
      return (await tx.delete(ssoLogins).where(lt(ssoLogins.expiresAt, now)).returning({ s: ssoLogins.stateHash })).length;
    },
  };
}
export type SsoRepo = ReturnType<typeof createSsoRepo>;
