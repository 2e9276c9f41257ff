import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

// Loaded on the first connection: a process without REDIS_URL never pays for the client (about 0.2 s of a start).
const load = () => (createRequire(import.meta.url)('ioredis') as { Redis: typeof Redis }).Redis;

export interface RedisLog {
  warn(details: object, message: string): void;
}

/**
 * One connection to the configured Redis. Commands fail at once while it is down instead of queueing
 * (callers fall back to their in-memory or database path), and it reconnects in the background with
 * a capped backoff, so a Redis that comes back is used again without a restart.
 */
export function connectRedis(url: string, log: RedisLog, options: { name: string }): Redis {
  const Client = load();
  const redis = new Client(url, {
    connectionName: `hireline-${options.name}`,
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 5_000),
  });
  let down = false;
  redis.on('error', (err: Error) => {
    if (!down) log.warn({ err: { message: err.message }, redis: options.name }, 'Redis unavailable; falling back until it returns');
    down = true;
  });
  redis.on('ready', () => {
    down = false;
  });
  return redis;
}
