import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export interface StoredSigningKey {
  kid: string;
  publicJwk: JWK;
  privateJwk: JWK;
  createdAt: Date;
  retiresAt: Date | null;
}

/** Where signing keys live; the database in production, memory in unit tests. */
export interface SigningKeyStore {
  /** Keys not yet retired at `now`, newest first. */
  listLive(now: Date): Promise<StoredSigningKey[]>;
  insert(key: StoredSigningKey): Promise<void>;
  /**
   * Sets retiresAt on every live key older than `keep` that has none yet. Only older ones: when two
   * instances rotate at once, the newer key survives and the other retires, never both.
   */
  retireOlder(keep: StoredSigningKey, retiresAt: Date): Promise<void>;
}

/** Older by creation time; on a tie, by kid, so of any two keys exactly one is older. */
export const isOlder = (a: StoredSigningKey, b: StoredSigningKey): boolean =>
  a.createdAt.getTime() < b.createdAt.getTime() || (a.createdAt.getTime() === b.createdAt.getTime() && a.kid < b.kid);

export function createMemorySigningKeyStore(): SigningKeyStore {
  const keys: StoredSigningKey[] = [];
  return {
    listLive: async (now) => keys.filter((k) => !k.retiresAt || k.retiresAt > now).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()),
    insert: async (key) => void (keys.some((k) => k.kid === key.kid) || keys.push({ ...key })),
    retireOlder: async (keep, retiresAt) => {
      for (const k of keys) if (!k.retiresAt && isOlder(k, keep)) k.retiresAt = retiresAt;
    },
  };
}

export const SIGNING_ALGORITHM = 'EdDSA';

/** A fresh Ed25519 key pair; its id is the RFC 7638 thumbprint, so it names the key itself. */
export async function generateSigningKey(now: Date): Promise<StoredSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { kid, publicJwk: { ...publicJwk, kid }, privateJwk: { ...(await exportJWK(privateKey)), kid }, createdAt: now, retiresAt: null };
}

const CACHE_MS = 60_000;
/** The signer is the key not scheduled to retire (the newest rotation), whatever the clocks say. */
const signerOf = (keys: readonly StoredSigningKey[]): StoredSigningKey | undefined => keys.find((k) => k.retiresAt === null) ?? keys[0];
const UNKNOWN_KID_RELOAD_MS = 5_000;

/**
 * The live signing keys, cached in memory. The newest signs; all live ones verify. After a rotation
 * the old keys stay live for twice the access-token lifetime, so tokens they signed keep working.
 */
export function createKeyRing(deps: { store: SigningKeyStore; accessTtlSeconds: number; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  let cache: { keys: StoredSigningKey[]; loadedAt: number } | null = null;
  let lastUnknownReload = 0;
  let creating: Promise<StoredSigningKey> | null = null;
  const imported = new Map<string, Promise<CryptoKey | Uint8Array>>();

  async function load(force = false): Promise<StoredSigningKey[]> {
    const at = now();
    if (!force && cache && at.getTime() - cache.loadedAt < CACHE_MS) {
      return cache.keys.filter((k) => !k.retiresAt || k.retiresAt > at);
    }
    const keys = await deps.store.listLive(at);
    cache = { keys, loadedAt: at.getTime() };
    return keys;
  }

  const importOnce = (jwk: JWK, cacheKey: string) => {
    let key = imported.get(cacheKey);
    if (!key) {
      key = importJWK(jwk, SIGNING_ALGORITHM);
      imported.set(cacheKey, key);
    }
    return key;
  };

  let refreshing: Promise<unknown> | null = null;

  /**
   * Signing happens inside database transactions; on the embedded database a query from outside the
   * transaction would wait for it forever. So once keys are loaded, a stale cache is used while a
   * reload runs in the background, and callers warm the ring (prepare) before opening a transaction.
   */
  async function signingKey(): Promise<{ kid: string; key: CryptoKey | Uint8Array }> {
    const cached = cache ? signerOf(cache.keys) : undefined;
    if (cache && cached && now().getTime() - cache.loadedAt >= CACHE_MS) {
      refreshing ??= load(true).catch(() => undefined).finally(() => { refreshing = null; });
      const newest = cached;
      return { kid: newest.kid, key: await importOnce(newest.privateJwk, `private:${newest.kid}`) };
    }
    let newest = signerOf(await load());
    if (!newest) {
      // One process may race another to create the first key; both insert, the reload picks one for both.
      creating ??= generateSigningKey(now()).then(async (key) => {
        await deps.store.insert(key);
        return key;
      }).finally(() => { creating = null; });
      await creating;
      newest = signerOf(await load(true));
      if (!newest) throw new Error('no signing key after creating one');
    }
    return { kid: newest.kid, key: await importOnce(newest.privateJwk, `private:${newest.kid}`) };
  }

  async function rotate(): Promise<string> {
    // Strictly newer than every live key, so the new key signs even when clocks tie or step back.
    const newest = Math.max(0, ...(await load(true)).map((k) => k.createdAt.getTime() + 1));
    const key = await generateSigningKey(new Date(Math.max(now().getTime(), newest)));
    await deps.store.insert(key);
    // Retire everything older than the newest unretired key as seen after our insert: whichever of two
    // racing rotations reads last sees both new keys, so exactly one is left signing.
    const unretired = (await load(true)).filter((k) => k.retiresAt === null);
    const keep = unretired.reduce((a, b) => (isOlder(a, b) ? b : a), key);
    await deps.store.retireOlder(keep, new Date(now().getTime() + 2 * deps.accessTtlSeconds * 1000));
    await load(true);
    return keep.kid;
  }

  return {
    signingKey,

    /** Loads (or creates) the signing key; call before a transaction that will sign. */
    async prepare(): Promise<void> {
      await signingKey();
    },

    rotate,

    /** Rotates when the signing key is older than maxAgeMs (the scheduled rotation); returns the new kid or null. */
    async rotateIfOlderThan(maxAgeMs: number): Promise<string | null> {
      const signer = signerOf(await load(true));
      if (signer && now().getTime() - signer.createdAt.getTime() < maxAgeMs) return null;
      return rotate();
    },

    async jwks(): Promise<{ keys: Record<string, unknown>[] }> {
      if ((await load()).length === 0) await signingKey();
      return {
        keys: (await load()).map((k) => ({ kty: k.publicJwk.kty, crv: k.publicJwk.crv, x: k.publicJwk.x, kid: k.kid, alg: SIGNING_ALGORITHM, use: 'sig' })),
      };
    },

    /** The public key for a kid; an unknown kid reloads at most every few seconds (another instance may have rotated). */
    async verificationKey(kid: string): Promise<CryptoKey | Uint8Array | null> {
      let found = (await load()).find((k) => k.kid === kid);
      if (!found && now().getTime() - lastUnknownReload > UNKNOWN_KID_RELOAD_MS) {
        lastUnknownReload = now().getTime();
        found = (await load(true)).find((k) => k.kid === kid);
      }
      return found ? importOnce(found.publicJwk, `public:${kid}`) : null;
    },
  };
}
export type KeyRing = ReturnType<typeof createKeyRing>;
