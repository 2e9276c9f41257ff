import { createHash } from 'node:crypto';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DbExecutor } from '../db/database.ts';
import { idempotencyKeys } from './idempotency.table.ts';

/** What a claim found: the key is ours now, or an earlier request with it finished, or it was used for another request. */
export type Claim =
  | { state: 'new' }
  | { state: 'replay'; statusCode: number; response: unknown }
  | { state: 'mismatch' };

/** An Idempotency-Key as the draft standard allows it here: 1–255 visible ASCII characters. */
export const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

/**
 * The SHA-256 of a request as an operation defines it. Object keys are sorted at every level, so the
 * same fields in another order (another client, another multipart boundary) hash alike.
 */
export function requestHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Idempotency keys, used inside the caller's transaction: claim first, do the work, complete, commit.
 * A concurrent request with the same key blocks on the key's unique index until the first commits (then
 * it reads the stored answer) or rolls back (then it claims the key itself): never two results for one key.
 */
export function createIdempotencyStore() {
  return {
    async claim(tx: DbExecutor, orgId: string, scope: string, key: string, hash: string): Promise<Claim> {
      const inserted = await tx.insert(idempotencyKeys).values({ orgId, scope, key, requestHash: hash })
        .onConflictDoNothing().returning({ key: idempotencyKeys.key });
      if (inserted.length > 0) return { state: 'new' };
      const [row] = await tx.select().from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.orgId, orgId), eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
      if (!row) throw new Error(`idempotency key ${scope}/${key} conflicted but is not visible`);
      if (row.requestHash !== hash) return { state: 'mismatch' };
      // complete() runs in the same transaction as the claim, so a committed row always has its answer.
      if (row.statusCode === null) throw new Error(`idempotency key ${scope}/${key} is committed without an answer`);
      return { state: 'replay', statusCode: row.statusCode, response: row.response };
    },

    async complete(tx: DbExecutor, orgId: string, scope: string, key: string, statusCode: number, response: unknown): Promise<void> {
      await tx.update(idempotencyKeys).set({ statusCode, response })
        .where(and(eq(idempotencyKeys.orgId, orgId), eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    },

    /**
     * Deletes up to `batch` keys created before `before`, across organizations (the executor is the
     * unscoped one); returns how many, so a sweep repeats until a batch comes back short.
     */
    async sweep(tx: DbExecutor, before: Date, batch: number): Promise<number> {
      const old = tx.select({ orgId: idempotencyKeys.orgId, scope: idempotencyKeys.scope, key: idempotencyKeys.key })
        .from(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before)).limit(batch);
      const deleted = await tx.delete(idempotencyKeys)
        .where(inArray(sql`(${idempotencyKeys.orgId}, ${idempotencyKeys.scope}, ${idempotencyKeys.key})`, old))
        .returning({ key: idempotencyKeys.key });
      return deleted.length;
    },
  };
}
export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
