import { and, desc, eq, getTableColumns, gt, isNull, or } from 'drizzle-orm';
import type { DbExecutor } from '../../infra/db/database.ts';
import { apiKeys } from './api-keys.table.ts';

export type ApiKeyRow = Omit<typeof apiKeys.$inferSelect, 'hash'>;
const { hash: _hash, ...keyColumns } = getTableColumns(apiKeys);

/** Every query runs on the executor it is given: a tenant or unscoped transaction chosen by the service. */
export function createApiKeysRepo() {
  return {
    async insert(row: typeof apiKeys.$inferInsert, tx: DbExecutor): Promise<void> {
      await tx.insert(apiKeys).values(row);
    },

    /** A key that is neither revoked nor expired at `now`. */
    async findActive(hash: string, now: Date, tx: DbExecutor): Promise<{ keyId: string; orgId: string; permissions: string[] } | null> {
      const [row] = await tx
        .select({ keyId: apiKeys.id, orgId: apiKeys.orgId, permissions: apiKeys.permissions })
        .from(apiKeys)
        .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now))))
        .limit(1);
      return row ?? null;
    },

    async list(orgId: string, tx: DbExecutor): Promise<ApiKeyRow[]> {
      return tx.select(keyColumns).from(apiKeys).where(eq(apiKeys.orgId, orgId)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
    },

    async revoke(orgId: string, keyId: string, at: Date, tx: DbExecutor): Promise<ApiKeyRow | null> {
      const [row] = await tx.update(apiKeys).set({ revokedAt: at })
        .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt))).returning(keyColumns);
      return row ?? null;
    },

    async find(orgId: string, keyId: string, tx: DbExecutor): Promise<ApiKeyRow | null> {
      const [row] = await tx.select(keyColumns).from(apiKeys).where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, keyId))).limit(1);
      return row ?? null;
    },

    async touch(keyId: string, at: Date, tx: DbExecutor): Promise<void> {
      await tx.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, keyId));
    },
  };
}
export type ApiKeysRepo = ReturnType<typeof createApiKeysRepo>;
