/** The Redis server the Redis tests use; CI sets it on the server profile. */
export const testRedisUrl = process.env.TEST_REDIS_URL ?? null;

/** node:test's `skip` for tests that need Redis: false when it is configured, else the reason. */
export const withoutRedis: string | false = testRedisUrl
  ? false
  : 'TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379): the Redis tests need a running server';
