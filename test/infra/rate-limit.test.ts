import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { registerErrorHandling } from '../../src/http/errors.ts';
import { enforce } from '../../src/http/rate-limit.ts';
import { createFailureLockout, createRateLimiter, redisRateLimitStore } from '../../src/infra/rate-limit/rate-limiter.ts';
import { connectRedis } from '../../src/infra/redis/redis-connection.ts';
import { reserveTcpProxy } from '../helpers/tcp-proxy.ts';

test('a limiter allows its points per window, per key, then refuses', async () => {
  const limiter = createRateLimiter({ keyPrefix: 't1', points: 2, durationSeconds: 60 });
  assert.deepEqual(await limiter.consume('a'), { allowed: true, policy: 't1', windowSeconds: 60, limit: 2, remaining: 1, resetSeconds: 60 });
  assert.equal((await limiter.consume('a')).remaining, 0);
  const refused = await limiter.consume('a');
  assert.equal(refused.allowed, false);
  assert.ok(refused.resetSeconds >= 1 && refused.resetSeconds <= 60);
  assert.equal((await limiter.consume('b')).allowed, true, 'keys are independent');
  await limiter.reset('a');
  assert.equal((await limiter.consume('a')).allowed, true);
});

test('lockout: the third failure (as configured) locks; each later lockout doubles, up to the cap; success clears the count', async () => {
  const lockout = createFailureLockout({ failuresBeforeLock: 3, windowSeconds: 60, baseLockSeconds: 10, maxLockSeconds: 25 });
  assert.equal(await lockout.fail('u'), 0);
  assert.equal(await lockout.fail('u'), 0);
  assert.equal(await lockout.lockedFor('u'), 0);
  assert.equal(await lockout.fail('u'), 10);
  assert.ok((await lockout.lockedFor('u')) > 0);
  for (let i = 0; i < 2; i++) await lockout.fail('u');
  assert.equal(await lockout.fail('u'), 20, 'second lockout doubles');
  for (let i = 0; i < 2; i++) await lockout.fail('u');
  assert.equal(await lockout.fail('u'), 25, 'capped');

  await lockout.fail('v');
  await lockout.fail('v');
  await lockout.succeed('v');
  assert.equal(await lockout.fail('v'), 0, 'a success starts the count again');
});

test('over HTTP: 429 problem+json with Retry-After and RateLimit headers', async () => {
  const limiter = createRateLimiter({ keyPrefix: 't2', points: 1, durationSeconds: 30 });
  const app = Fastify();
  registerErrorHandling(app, () => []);
  app.get('/x', async (_request, reply) => {
    enforce(reply, [{ decision: await limiter.consume('ip'), what: 'requests' }]);
    return { ok: true };
  });
  const first = await app.inject({ method: 'GET', url: '/x' });
  assert.equal(first.statusCode, 200);
  assert.equal(first.headers['ratelimit-remaining'], '0');
  assert.equal(first.headers['ratelimit-policy'], '"t2";q=1;w=30');
  assert.match(String(first.headers.ratelimit), /^"t2";r=0;t=\d+$/);
  const second = await app.inject({ method: 'GET', url: '/x' });
  assert.equal(second.statusCode, 429);
  assert.match(String(second.headers['content-type']), /application\/problem\+json/);
  assert.equal(second.json<{ type: string }>().type, 'https://hireline.dev/problems/rate-limited');
  assert.ok(Number(second.headers['retry-after']) >= 1);
  assert.equal(second.headers['ratelimit-limit'], '1');
  await app.close();
});

test('with Redis unreachable, a limit counts in memory, lets requests through or refuses them, as configured', async () => {
  // A port nothing listens on: every Redis command fails at once (the connection queues none).
  const dead = await reserveTcpProxy({ host: '127.0.0.1', port: 1 });
  const redis = connectRedis(`redis://127.0.0.1:${dead.port}`, { warn: () => undefined }, { name: 'rate-limit-test' });
  try {
    const rule = { keyPrefix: 'down', points: 1, durationSeconds: 60 };
    const memory = createRateLimiter(rule, redisRateLimitStore(redis, { prefix: 'test:', onDown: 'memory' }));
    assert.deepEqual([(await memory.consume('ip')).allowed, (await memory.consume('ip')).allowed], [true, false], 'memory: the limit still holds');
    const allow = createRateLimiter(rule, redisRateLimitStore(redis, { prefix: 'test:', onDown: 'allow' }));
    assert.deepEqual([(await allow.consume('ip')).allowed, (await allow.consume('ip')).allowed], [true, true]);
    const deny = createRateLimiter(rule, redisRateLimitStore(redis, { prefix: 'test:', onDown: 'deny' }));
    assert.equal((await deny.consume('ip')).allowed, false);
  } finally {
    redis.disconnect();
  }
});
