import { and, asc, desc, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../infra/db/database.ts';
import type { Role } from './identity.permissions.ts';
import { memberships, refreshTokens, sessions, users } from './identity.table.ts';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;

/** Every query runs on the executor it is given: a tenant or owner transaction chosen by the service. */
export function createIdentityRepo() {
  const active = (now: Date) => and(isNull(sessions.revokedAt), gt(sessions.expiresAt, now));

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

    async insertMembership(row: typeof memberships.$inferInsert, tx: DbExecutor): Promise<void> {
      await tx.insert(memberships).values(row);
    },

    async membershipsOf(userId: string, tx: DbExecutor): Promise<MembershipRow[]> {
      return tx.select().from(memberships).where(eq(memberships.userId, userId)).orderBy(asc(memberships.createdAt), asc(memberships.orgId));
    },

    async findMembership(orgId: string, userId: string, tx: DbExecutor): Promise<MembershipRow | null> {
      const [row] = await tx.select().from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId))).limit(1);
      return row ?? null;
    },

    async members(orgId: string, tx: DbExecutor): Promise<(MembershipRow & { email: string; name: string })[]> {
      return tx.select({ orgId: memberships.orgId, userId: memberships.userId, role: memberships.role, createdAt: memberships.createdAt, email: users.email, name: users.name })
        .from(memberships).innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.orgId, orgId)).orderBy(asc(memberships.createdAt), asc(memberships.userId));
    },

    async setRole(orgId: string, userId: string, role: Role, tx: DbExecutor): Promise<void> {
      await tx.update(memberships).set({ role }).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
    },

    async deleteMembership(orgId: string, userId: string, tx: DbExecutor): Promise<void> {
      await tx.delete(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
    },

    /** Owners of the org, locked, so two demotions cannot both pass the last-owner check. */
    async lockOwners(orgId: string, tx: DbExecutor): Promise<string[]> {
      const rows = await tx.select({ userId: memberships.userId }).from(memberships)
        .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'owner'))).for('update');
      return rows.map((r) => r.userId);
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
    async deleteExpiredRefreshTokens(now: Date, tx: DbExecutor): Promise<void> {
      await tx.delete(refreshTokens).where(lt(refreshTokens.expiresAt, now));
    },
  };
}
export type IdentityRepo = ReturnType<typeof createIdentityRepo>;
