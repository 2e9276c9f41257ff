import type { Redis } from 'ioredis';

/**
 * A cache whose entries carry tags (a session, its user, its org): revoking a tag drops every entry
 * with it at once, in every process that shares the cache, and refuses to store such an entry again
 * for `holdMs`, so a read that began before the revocation cannot write its older answer back.
 */
export interface TaggedCache<V> {
  /** The value, or undefined on a miss, when a tag was revoked, or while the store is unreachable. */
  get(key: string, tags: readonly string[]): Promise<V | undefined>;
  set(key: string, value: V, tags: readonly string[], ttlMs: number): Promise<void>;
  /** Rejects while a shared store is unreachable; entries then expire on their own within their TTL. */
  revoke(tags: readonly string[]): Promise<void>;
}

export function createMemoryTaggedCache<V>(options: { maxEntries: number; holdMs: number; now?: () => number }): TaggedCache<V> {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: V; tags: readonly string[]; expiresAt: number }>();
  const revoked = new Map<string, number>();
  const isRevoked = (tags: readonly string[]) => tags.some((tag) => (revoked.get(tag) ?? 0) > now());
  return {
    async get(key, tags) {
      const entry = entries.get(key);
      if (!entry || entry.expiresAt <= now() || isRevoked(tags) || isRevoked(entry.tags)) return undefined;
      return entry.value;
    },
    async set(key, value, tags, ttlMs) {
      if (ttlMs <= 0 || isRevoked(tags)) return;
      entries.delete(key);
      entries.set(key, { value, tags, expiresAt: now() + ttlMs });
      if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
    },
    async revoke(tags) {
      for (const tag of tags) revoked.set(tag, now() + options.holdMs);
      for (const [tag, until] of revoked) if (until <= now()) revoked.delete(tag);
      for (const [key, entry] of entries) if (entry.tags.some((tag) => tags.includes(tag))) entries.delete(key);
    },
  };
}

// Stores the value only while none of its tags is revoked, in one step, so no revocation can fall between the check and the write.
const SET_UNLESS_REVOKED = `
for i = 2, #KEYS do if redis.call('EXISTS', KEYS[i]) == 1 then return 0 end end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/** Values as JSON in Redis; a revoked tag is a key that lives `holdMs`, checked on every read and write. */
export function createRedisTaggedCache<V>(redis: Redis, options: { prefix: string; holdMs: number }): TaggedCache<V> {
  const entryKey = (key: string) => `${options.prefix}entry:${key}`;
  const tagKey = (tag: string) => `${options.prefix}revoked:${tag}`;
  return {
    async get(key, tags) {
      try {
        const [value, ...revocations] = await redis.mget(entryKey(key), ...tags.map(tagKey));
        if (value === null || value === undefined || revocations.some((r) => r !== null)) return undefined;
        return JSON.parse(value) as V;
      } catch {
        return undefined;
      }
    },
    async set(key, value, tags, ttlMs) {
      if (ttlMs <= 0) return;
      await redis.eval(SET_UNLESS_REVOKED, 1 + tags.length, entryKey(key), ...tags.map(tagKey), JSON.stringify(value), String(Math.ceil(ttlMs)))
        .catch(() => undefined);
    },
    async revoke(tags) {
      if (tags.length === 0) return;
      const multi = redis.multi();
      for (const tag of tags) multi.set(tagKey(tag), '1', 'PX', options.holdMs);
      await multi.exec();
    },
  };
}
