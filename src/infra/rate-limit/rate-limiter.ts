import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (and a refused caller may retry). */
  resetSeconds: number;
}

/** A fixed-window counter per key. In memory now; a Redis-backed one can replace it without callers changing. */
export interface RateLimiter {
  consume(key: string, points?: number): Promise<RateLimitDecision>;
  reset(key: string): Promise<void>;
}

export interface RateLimitRule {
  points: number;
  durationSeconds: number;
}

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

export function createMemoryRateLimiter(rule: RateLimitRule & { keyPrefix: string }): RateLimiter {
  const limiter = new RateLimiterMemory({ keyPrefix: rule.keyPrefix, points: rule.points, duration: rule.durationSeconds });
  const decide = (res: RateLimiterRes, allowed: boolean): RateLimitDecision => ({
    allowed, limit: rule.points, remaining: Math.max(0, res.remainingPoints), resetSeconds: seconds(res.msBeforeNext),
  });
  return {
    async consume(key, points = 1) {
      try {
        return decide(await limiter.consume(key, points), true);
      } catch (rejection) {
        // The library rejects with its result object when the limit is hit; anything else is a real failure.
        if (rejection instanceof RateLimiterRes) return decide(rejection, false);
        throw rejection;
      }
    },
    async reset(key) {
      await limiter.delete(key);
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
 */
export function createMemoryFailureLockout(policy: LockoutPolicy): FailureLockout {
  const failures = new RateLimiterMemory({ keyPrefix: 'failures', points: policy.failuresBeforeLock, duration: policy.windowSeconds });
  const lockouts = new RateLimiterMemory({ keyPrefix: 'lockouts', points: 1_000_000, duration: 86_400 });
  const locks = new RateLimiterMemory({ keyPrefix: 'locks', points: 1, duration: 1 });

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
