import type { Redis } from 'ioredis';

/**
 * A cache every API instance shares (Redis). Every call rejects while the server is unreachable:
 * callers treat that as a miss and fall back to their own process, so the API keeps serving.
 */
export interface SharedCache {
  /** The values of the keys, null where there is none. */
  get(keys: readonly string[]): Promise<(string | null)[]>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Adds one to a counter (created at 1) and returns it. */
  increment(key: string): Promise<number>;
  /** Runs the listener each time the server is reachable again after an outage. */
  onReconnect(listener: () => void): void;
}

export function createRedisCache(redis: Redis, prefix: string): SharedCache {
  let lost = false;
  const listeners: (() => void)[] = [];
  redis.on('error', () => {
    lost = true;
  });
  redis.on('ready', () => {
    if (!lost) return;
    lost = false;
    for (const listener of listeners) listener();
  });
  return {
    async get(keys) {
      return keys.length === 0 ? [] : redis.mget(keys.map((k) => prefix + k));
    },
    async set(key, value, ttlMs) {
      if (ttlMs > 0) await redis.set(prefix + key, value, 'PX', Math.ceil(ttlMs));
    },
    increment: (key) => redis.incr(prefix + key),
    onReconnect: (listener) => void listeners.push(listener),
  };
}
