import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface RateLimitDecision {
  allowed: boolean;
  /** The limit's name and window, as RateLimit-Policy states them. */
  policy: string;
  windowSeconds: number;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (and a refused caller may retry). */
  resetSeconds: number;
}

/** A fixed-window counter per key, in this process or in Redis (shared by every instance). */
export interface RateLimiter {
  consume(key: string, points?: number): Promise<RateLimitDecision>;
  reset(key: string): Promise<void>;
}

export interface RateLimitRule {
  points: number;
  durationSeconds: number;
}

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

interface CounterOptions {
  keyPrefix: string;
  points: number;
  duration: number;
}

/** Where counters live. `onDown` says what a limit does while that place is unreachable. */
export interface RateLimitStore {
  /** `insured`: count in this process while the store is down, whatever `onDown` says. */
  counter(options: CounterOptions, insured?: boolean): RateLimiterAbstract;
  onDown: 'memory' | 'allow' | 'deny';
}

export const memoryRateLimitStore: RateLimitStore = { counter: (options) => new RateLimiterMemory(options), onDown: 'memory' };

/**
 * Counters in Redis, so every API instance counts the same requests. While Redis is unreachable,
 * `memory` counts in this process instead (rate-limiter-flexible's insurance limiter), and `allow` or
 * `deny` let every request through or refuse it.
 */
export function redisRateLimitStore(redis: Redis, options: { prefix: string; onDown: RateLimitStore['onDown'] }): RateLimitStore {
  return {
    onDown: options.onDown,
    counter: (counter, insured = false) => new RateLimiterRedis({
      ...counter, keyPrefix: `${options.prefix}rl:${counter.keyPrefix}`, storeClient: redis, rejectIfRedisNotReady: true,
      ...(options.onDown === 'memory' || insured ? { insuranceLimiter: new RateLimiterMemory(counter) } : {}),
    }),
  };
}

export function createRateLimiter(rule: RateLimitRule & { keyPrefix: string }, store: RateLimitStore = memoryRateLimitStore): RateLimiter {
  const limiter = store.counter({ keyPrefix: rule.keyPrefix, points: rule.points, duration: rule.durationSeconds });
  const decide = (res: RateLimiterRes, allowed: boolean): RateLimitDecision => ({
    allowed, policy: rule.keyPrefix, windowSeconds: rule.durationSeconds, limit: rule.points, remaining: Math.max(0, res.remainingPoints), resetSeconds: seconds(res.msBeforeNext),
  });
  return {
    async consume(key, points = 1) {
      try {
        return decide(await limiter.consume(key, points), true);
      } catch (rejection) {
        // The library rejects with its result object when the limit is hit; anything else is a real failure.
        if (rejection instanceof RateLimiterRes) return decide(rejection, false);
        // The store is unreachable and no insurance counts instead: the configured fallback decides.
        const policy = { policy: rule.keyPrefix, windowSeconds: rule.durationSeconds, limit: rule.points };
        if (store.onDown === 'allow') return { ...policy, allowed: true, remaining: rule.points, resetSeconds: rule.durationSeconds };
        if (store.onDown === 'deny') return { ...policy, allowed: false, remaining: 0, resetSeconds: 1 };
        throw rejection;
      }
    },
    async reset(key) {
      // A reset that cannot reach the store leaves the count to expire with its window.
      await limiter.delete(key).catch(() => undefined);
    },
  };
}

export interface LockoutPolicy {
  /** The failure, within the window, that locks the key (5: four are free, the fifth locks). */
  failuresBeforeLock: number;
  windowSeconds: number;
  baseLockSeconds: number;
  maxLockSeconds: number;
}

/** Progressive lockout of an account after repeated failed sign-ins. */
export interface FailureLockout {
  /** Seconds the key is still locked, 0 when not locked. */
  lockedFor(key: string): Promise<number>;
  /** Records a failure; returns the seconds the key is locked for now (0 if not yet). */
  fail(key: string): Promise<number>;
  /** A success clears the failure count, not the history of lockouts. */
  succeed(key: string): Promise<void>;
}

/**
 * Each lockout within a day doubles the next one (base, 2×base, 4×base … up to max), so a patient
 * guesser gains little by waiting, while a user who mistypes a few times is locked only briefly.
 * With a Redis store the counts are shared; while Redis is down they are kept in this process
 * whatever `onDown` says, since neither letting guesses through nor locking everyone out is acceptable.
 */
export function createFailureLockout(policy: LockoutPolicy, store: RateLimitStore = memoryRateLimitStore): FailureLockout {
  const counter = (options: CounterOptions) => store.counter(options, true);
  const failures = counter({ keyPrefix: 'failures', points: policy.failuresBeforeLock, duration: policy.windowSeconds });
  const lockouts = counter({ keyPrefix: 'lockouts', points: 1_000_000, duration: 86_400 });
  const locks = counter({ keyPrefix: 'locks', points: 1, duration: 1 });

  async function lockedFor(key: string): Promise<number> {
    const lock = await locks.get(key);
    return lock && lock.consumedPoints > 1 && lock.msBeforeNext > 0 ? seconds(lock.msBeforeNext) : 0;
  }

  return {
    lockedFor,
    async fail(key) {
      const counted = await failures.penalty(key, 1);
      if (counted.consumedPoints < policy.failuresBeforeLock) return 0;
      await failures.delete(key);
      const previous = (await lockouts.penalty(key, 1)).consumedPoints - 1;
      const duration = Math.min(policy.maxLockSeconds, policy.baseLockSeconds * 2 ** previous);
      await locks.block(key, duration);
      return duration;
    },
    async succeed(key) {
      await failures.delete(key);
    },
  };
}
