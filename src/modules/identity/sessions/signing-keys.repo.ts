import { and, desc, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import type { SigningKeyStore, StoredSigningKey } from './signing-keys.ts';
import { signingKeys } from './sessions.table.ts';

/** Signing keys in the database, so every instance signs and verifies with the same ring. */
export function createSigningKeyRepo(db: DbExecutor): SigningKeyStore {
  return {
    async listLive(now: Date): Promise<StoredSigningKey[]> {
      return db.select().from(signingKeys)
        .where(or(isNull(signingKeys.retiresAt), gt(signingKeys.retiresAt, now)))
        .orderBy(desc(signingKeys.createdAt), desc(signingKeys.kid));
    },

    async insert(key: StoredSigningKey): Promise<void> {
      await db.insert(signingKeys).values(key).onConflictDoNothing();
    },

    // The same order as isOlder in signing-keys.ts.
    async retireOlder(keep: StoredSigningKey, retiresAt: Date): Promise<void> {
      await db.update(signingKeys).set({ retiresAt })
        .where(and(isNull(signingKeys.retiresAt), or(
          lt(signingKeys.createdAt, keep.createdAt),
          and(eq(signingKeys.createdAt, keep.createdAt), lt(signingKeys.kid, keep.kid)),
        )));
    },
  };
}
