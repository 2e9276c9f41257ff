import { and, desc, eq, getTableColumns, gt, isNull, or } from 'drizzle-orm';
import type { DbExecutor } from '../../infra/db/database.ts';
import { apiKeys, orgs } from './orgs.table.ts';

export type OrgRow = typeof orgs.$inferSelect;
export type ApiKeyRow = Omit<typeof apiKeys.$inferSelect, 'hash'>;
const { hash: _hash, ...keyColumns } = getTableColumns(apiKeys);

/** Every query runs on the executor it is given: a tenant or owner transaction chosen by the service. */
export function createOrgsRepo() {
  return {
    async insertOrg(row: typeof orgs.$inferInsert, tx: DbExecutor): Promise<OrgRow | null> {
      const [inserted] = await tx.insert(orgs).values(row).onConflictDoNothing({ target: orgs.slug }).returning();
      return inserted ?? null;
    },

    async insertApiKey(row: typeof apiKeys.$inferInsert, tx: DbExecutor): Promise<void> {
      await tx.insert(apiKeys).values(row);
    },

    async findBySlug(slug: string, tx: DbExecutor): Promise<OrgRow | null> {
      const [row] = await tx.select().from(orgs).where(eq(orgs.slug, slug)).limit(1);
      return row ?? null;
    },

    async findById(id: string, tx: DbExecutor): Promise<OrgRow | null> {
      const [row] = await tx.select().from(orgs).where(eq(orgs.id, id)).limit(1);
      return row ?? null;
    },

    /** A key that is neither revoked nor expired at `now`. */
    async findActiveKey(hash: string, now: Date, tx: DbExecutor): Promise<{ keyId: string; orgId: string; scopes: string[] } | null> {
      const [row] = await tx
        .select({ keyId: apiKeys.id, orgId: apiKeys.orgId, scopes: apiKeys.scopes })
        .from(apiKeys)
        .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now))))
        .limit(1);
      return row ?? null;
    },

    async listKeys(orgId: string, tx: DbExecutor): Promise<ApiKeyRow[]> {
      return tx.select(keyColumns).from(apiKeys).where(eq(apiKeys.orgId, orgId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
    },

    async revokeKey(orgId: string, keyId: string, at: Date, tx: DbExecutor): Promise<ApiKeyRow | null> {
      const [row] = await tx.update(apiKeys).set({ revokedAt: at })
        .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt))).returning(keyColumns);
      return row ?? null;
    },

    async findKey(orgId: string, keyId: string, tx: DbExecutor): Promise<ApiKeyRow | null> {
      const [row] = await tx.select(keyColumns).from(apiKeys).where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, keyId))).limit(1);
      return row ?? null;
    },

    async touchKey(keyId: string, at: Date, tx: DbExecutor): Promise<void> {
      await tx.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, keyId));
    },
  };
}
export type OrgsRepo = ReturnType<typeof createOrgsRepo>;
