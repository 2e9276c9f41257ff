import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { invitations } from './membership.table.ts';

export type InvitationRow = typeof invitations.$inferSelect;

/** Every query runs on the executor it is given: a tenant or unscoped transaction chosen by the service. */
export function createInvitationsRepo() {
  return {
    async insert(row: typeof invitations.$inferInsert, tx: DbExecutor): Promise<InvitationRow> {
      const [inserted] = await tx.insert(invitations).values(row).returning();
      if (!inserted) throw new Error('insert returned no row');
      return inserted;
    },

    async list(orgId: string, tx: DbExecutor): Promise<InvitationRow[]> {
      return tx.select().from(invitations).where(eq(invitations.orgId, orgId)).orderBy(desc(invitations.createdAt), desc(invitations.id));
    },

    async revoke(orgId: string, id: string, at: Date, tx: DbExecutor): Promise<InvitationRow | null> {
      const [row] = await tx.update(invitations).set({ revokedAt: at })
        .where(and(eq(invitations.orgId, orgId), eq(invitations.id, id), isNull(invitations.revokedAt), isNull(invitations.acceptedAt))).returning();
      return row ?? null;
    },

    async findByToken(tokenHash: string, tx: DbExecutor): Promise<InvitationRow | null> {
      const [row] = await tx.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).limit(1);
      return row ?? null;
    },

    /** Locks the invitation so two acceptances of one token cannot both succeed. */
    async lockByToken(tokenHash: string, tx: DbExecutor): Promise<InvitationRow | null> {
      const [row] = await tx.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).limit(1).for('update');
      return row ?? null;
    },

    async markAccepted(id: string, userId: string, at: Date, tx: DbExecutor): Promise<void> {
      await tx.update(invitations).set({ acceptedAt: at, acceptedBy: userId }).where(eq(invitations.id, id));
    },
  };
}
export type InvitationsRepo = ReturnType<typeof createInvitationsRepo>;
