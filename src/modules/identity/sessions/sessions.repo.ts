import { and, desc, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import type { Role } from '../../access/index.ts';
import { memberships } from '../membership/membership.table.ts';
import { refreshTokens, sessions } from './sessions.table.ts';

export type SessionRow = typeof sessions.$inferSelect;

/** Sessions and their refresh tokens. Every query runs on the executor the service chose. */
export function createSessionsRepo() {
  const active = (now: Date) => and(isNull(sessions.revokedAt), gt(sessions.expiresAt, now));

  return {
    /** Ends the password sessions in an org of everyone but its owners (the org now requires SSO). */
    async revokePasswordSessionsInOrg(orgId: string, reason: string, at: Date, tx: DbExecutor): Promise<number> {
      const rows = await tx.update(sessions).set({ revokedAt: at, revokeReason: reason })
        .where(and(
          eq(sessions.orgId, orgId), eq(sessions.method, 'password'), isNull(sessions.revokedAt),
          sql`${sessions.userId} in (select ${memberships.userId} from ${memberships} where ${memberships.orgId} = ${orgId} and ${memberships.role} <> 'owner')`,
        ))
        .returning({ id: sessions.id });
      return rows.length;
    },

    async insertSession(row: typeof sessions.$inferInsert, tx: DbExecutor): Promise<void> {
      await tx.insert(sessions).values(row);
    },

    /** A live session and the role its user holds now in the session's org (null if no longer a member). */
    async findLiveSession(id: string, now: Date, tx: DbExecutor): Promise<{ session: SessionRow; role: Role } | null> {
      const [row] = await tx.select({ session: sessions, role: memberships.role }).from(sessions)
        .innerJoin(memberships, and(eq(memberships.orgId, sessions.orgId), eq(memberships.userId, sessions.userId)))
        .where(and(eq(sessions.id, id), active(now))).limit(1);
      return row ?? null;
    },

    async liveSessionsOf(userId: string, now: Date, tx: DbExecutor): Promise<SessionRow[]> {
      return tx.select().from(sessions).where(and(eq(sessions.userId, userId), active(now))).orderBy(desc(sessions.createdAt), desc(sessions.id));
    },

    async revokeSession(id: string, reason: string, at: Date, tx: DbExecutor): Promise<boolean> {
      const rows = await tx.update(sessions).set({ revokedAt: at, revokeReason: reason })
        .where(and(eq(sessions.id, id), isNull(sessions.revokedAt))).returning({ id: sessions.id });
      return rows.length > 0;
    },

    /** Ends every session of a user (optionally but one, optionally only in one org); returns how many. */
    async revokeSessionsOf(userId: string, reason: string, at: Date, options: { except?: string; orgId?: string } = {}, tx: DbExecutor): Promise<number> {
      const rows = await tx.update(sessions).set({ revokedAt: at, revokeReason: reason })
        .where(and(
          eq(sessions.userId, userId), isNull(sessions.revokedAt),
          options.except ? ne(sessions.id, options.except) : undefined,
          options.orgId ? eq(sessions.orgId, options.orgId) : undefined,
        ))
        .returning({ id: sessions.id });
      return rows.length;
    },

    async touchSession(id: string, at: Date, tx: DbExecutor): Promise<void> {
      await tx.update(sessions).set({ lastUsedAt: at }).where(eq(sessions.id, id));
    },

    async insertRefreshToken(row: typeof refreshTokens.$inferInsert, tx: DbExecutor): Promise<void> {
      await tx.insert(refreshTokens).values(row);
    },

    /**
     * Marks a refresh token used, atomically: exactly one of two racing refreshes wins. Returns the token
     * row as it was (usedAt set means it had been used before: a replay).
     */
    async claimRefreshToken(hash: string, at: Date, tx: DbExecutor): Promise<{ sessionId: string; expiresAt: Date; usedAt: Date | null } | null> {
      const [row] = await tx.select({ sessionId: refreshTokens.sessionId, expiresAt: refreshTokens.expiresAt, usedAt: refreshTokens.usedAt })
        .from(refreshTokens).where(eq(refreshTokens.hash, hash)).limit(1).for('update');
      if (!row) return null;
      if (!row.usedAt) await tx.update(refreshTokens).set({ usedAt: at }).where(eq(refreshTokens.hash, hash));
      return row;
    },

    /** Used tokens stay until they expire, so a replay is recognised for as long as the token could have worked. */
    async deleteExpiredRefreshTokens(now: Date, tx: DbExecutor): Promise<number> {
      const rows = await tx.delete(refreshTokens).where(lt(refreshTokens.expiresAt, now)).returning({ hash: refreshTokens.hash });
      return rows.length;
    },
  };
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
