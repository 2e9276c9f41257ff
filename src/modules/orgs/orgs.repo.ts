import { and, eq, isNull } from 'drizzle-orm';
import type { DbExecutor } from '../../infra/db/database.ts';
import { apiKeys, orgs } from './orgs.table.ts';

export type OrgRow = typeof orgs.$inferSelect;

export function createOrgsRepo(db: DbExecutor) {
  return {
    async insertOrg(row: typeof orgs.$inferInsert, tx: DbExecutor = db): Promise<OrgRow | null> {
      const [inserted] = await tx.insert(orgs).values(row).onConflictDoNothing({ target: orgs.slug }).returning();
      return inserted ?? null;
    },

    async insertApiKey(row: typeof apiKeys.$inferInsert, tx: DbExecutor = db): Promise<void> {
      await tx.insert(apiKeys).values(row);
    },

    async findBySlug(slug: string, tx: DbExecutor = db): Promise<OrgRow | null> {
      const [row] = await tx.select().from(orgs).where(eq(orgs.slug, slug)).limit(1);
      return row ?? null;
    },

    async findById(id: string, tx: DbExecutor = db): Promise<OrgRow | null> {
      const [row] = await tx.select().from(orgs).where(eq(orgs.id, id)).limit(1);
      return row ?? null;
    },

    async findActiveKey(hash: string, tx: DbExecutor = db): Promise<{ keyId: string; orgId: string; orgSlug: string } | null> {
      const [row] = await tx
        .select({ keyId: apiKeys.id, orgId: orgs.id, orgSlug: orgs.slug })
        .from(apiKeys)
        .innerJoin(orgs, eq(orgs.id, apiKeys.orgId))
        .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)))
        .limit(1);
      return row ?? null;
    },

    async touchKey(keyId: string, at: Date, tx: DbExecutor = db): Promise<void> {
      await tx.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, keyId));
    },
  };
}
export type OrgsRepo = ReturnType<typeof createOrgsRepo>;
