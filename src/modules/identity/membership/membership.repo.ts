import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import type { Role } from '../../access/index.ts';
import { users } from '../accounts/accounts.table.ts';
import { memberships } from './membership.table.ts';

export type MembershipRow = typeof memberships.$inferSelect;

/** Who belongs to which org, with which role. Every query runs on the executor the service chose. */
export function createMembershipRepo() {
  return {
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

    /** The members among `userIds`, with their email, name and role (those who are not members are left out). */
    async membersAmong(orgId: string, userIds: readonly string[], tx: DbExecutor): Promise<{ userId: string; email: string; name: string; role: Role }[]> {
      if (userIds.length === 0) return [];
      return tx.select({ userId: memberships.userId, email: users.email, name: users.name, role: memberships.role })
        .from(memberships).innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.orgId, orgId), inArray(memberships.userId, [...userIds])));
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
  };
}
export type MembershipRepo = ReturnType<typeof createMembershipRepo>;
