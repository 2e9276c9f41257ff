import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/app.ts';
import { createContainer, version } from '../../src/container.ts';
import { jobBody, publishJob, startTestApp, type TestApp } from '../helpers/app.ts';
import { signUp } from '../helpers/identity.ts';
import { testRedisUrl, withoutRedis } from '../helpers/redis.ts';
import { reserveTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';
import { applyJson } from '../recruiting/applying.helpers.ts';

/** A second API instance: its own container (caches, limiters, keys) over the first one's database and the same Redis. */
async function secondInstance(t: TestApp): Promise<FastifyInstance> {
  const log = pino({ level: 'silent' });
  const container = await createContainer(t.config, log, t.container.database);
  return buildApp({
    config: t.config, version, routes: container.routes, schemas: container.schemas, authenticate: container.authenticate, idempotency: container.idempotency, logger: log,
  });
}

const boardTotal = async (app: FastifyInstance, slug: string): Promise<number> => {
  const res = await app.inject({ method: 'GET', url: `/v1/boards/${slug}/jobs` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<{ data: unknown[] }>().data.length;
};

/**
 * The instance's Redis connection answers in order, so once its readiness PING returns, the counter it
 * moved on the commit before is in Redis too (one process's sockets to Redis are not ordered among themselves).
 */
async function settled(app: FastifyInstance): Promise<void> {
  await app.inject({ method: 'GET', url: '/ready' });
}

async function untilReady(app: FastifyInstance): Promise<Record<string, unknown>> {
  for (;;) {
    const res = await app.inject({ method: 'GET', url: '/ready' });
    const body = res.json<Record<string, unknown>>();
    if (body.status === 'ready') return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('two API instances sharing one Redis', { skip: withoutRedis }, () => {
  let a: TestApp;
  let b: FastifyInstance;
  before(async () => {
    // A TTL far longer than the test: only invalidation can make instance B see a change.
    a = await startTestApp({
      REDIS_URL: testRedisUrl ?? '', REDIS_KEY_PREFIX: `test-${randomUUID()}:`, BOARD_CACHE_TTL_MS: '600000', APPLY_RATE_LIMIT_PER_IP: '3', SESSION_CACHE_TTL_MS: '60000',
    });
    b = await secondInstance(a);
  });
  after(async () => {
    await b.close();
    await a.close();
  });

  test('a job published on A is on B\'s cached board at once', async () => {
    await publishJob(a, a.org, { title: 'First' });
    assert.equal(await boardTotal(b, a.org.slug), 1);
    assert.equal(await boardTotal(a.app, a.org.slug), 1, 'A reads the page B cached');
    await publishJob(a, a.org, { title: 'Second' });
    await settled(a.app);
    assert.equal(await boardTotal(b, a.org.slug), 2, 'B\'s cached page was invalidated by A\'s commit');
  });

  test('rate limits count requests on both instances, with RateLimit headers', async () => {
    const job = await publishJob(a, a.org, { title: 'Limited' });
    const statuses: number[] = [];
    let last = null as Awaited<ReturnType<typeof applyJson>> | null;
    for (const app of [a.app, b, a.app, b]) {
      last = await applyJson({ ...a, app }, a.org, job.id, { name: 'Ada', email: `ada-${randomUUID()}@example.test`, answers: {} });
      statuses.push(last.statusCode);
    }
    assert.deepEqual(statuses.map((s) => s === 429), [false, false, false, true], statuses.join(','));
    assert.match(String(last?.headers['ratelimit-policy']), /^"apply";q=3;w=60$/);
    assert.match(String(last?.headers.ratelimit), /^"apply";r=0;t=\d+$/);
  });

  test('a session ended on A is refused on B at once, though B had it cached', async () => {
    const user = await signUp(a);
    assert.equal((await b.inject({ method: 'GET', url: '/v1/me', headers: user.auth })).statusCode, 200);
    const ended = await a.app.inject({ method: 'DELETE', url: `/v1/me/sessions/${user.sessionId}`, headers: user.auth });
    assert.equal(ended.statusCode, 204, ended.body);
    assert.equal((await b.inject({ method: 'GET', url: '/v1/me', headers: user.auth })).statusCode, 401);
  });
});

describe('Redis cut off and back', { skip: withoutRedis }, () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let other: FastifyInstance;
  before(async () => {
    const target = new URL(testRedisUrl ?? 'redis://127.0.0.1:6379');
    proxy = await reserveTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    await proxy.open();
    t = await startTestApp({
      REDIS_URL: `redis://127.0.0.1:${proxy.port}`, REDIS_KEY_PREFIX: `test-${randomUUID()}:`, BOARD_CACHE_TTL_MS: '600000', APPLY_RATE_LIMIT_PER_IP: '2',
    });
    other = await secondInstance(t);
    await untilReady(t.app);
    await untilReady(other);
  });
  after(async () => {
    await other.close();
    await t.close();
    await proxy.cut();
  });

  test('the API keeps serving, /ready says degraded and why, limits count in memory; all recover', async () => {
    await proxy.cut();
    const ready = await t.app.inject({ method: 'GET', url: '/ready' });
    assert.equal(ready.statusCode, 200, 'still ready for a load balancer: the API serves without Redis');
    const body = ready.json<{ status: string; checks: { redis: string }; degraded: string[] }>();
    assert.equal(body.status, 'degraded');
    assert.equal(body.checks.redis, 'unreachable');
    assert.match(body.degraded.join(' '), /Redis is unreachable/);

    const created = await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: { ...t.org.auth, 'idempotency-key': 'down-1' }, payload: jobBody({ title: 'While down' }) });
    assert.equal(created.statusCode, 201, created.body);
    const again = await t.app.inject({ method: 'POST', url: '/v1/jobs', headers: { ...t.org.auth, 'idempotency-key': 'down-1' }, payload: jobBody({ title: 'While down' }) });
    assert.equal(again.headers['idempotent-replayed'], 'true', 'keys fall back to this instance\'s memory');
    assert.equal(again.json<{ id: string }>().id, created.json<{ id: string }>().id);

    const job = await publishJob(t, t.org, { title: 'Open while down' });
    assert.equal(await boardTotal(t.app, t.org.slug), 1, 'the board is served from the database');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await applyJson(t, t.org, job.id, { name: 'Ada', email: `ada-${randomUUID()}@example.test`, answers: {} })).statusCode);
    }
    assert.deepEqual(statuses.map((s) => s === 429), [false, false, true], `the limit still holds, counted in memory: ${statuses.join(',')}`);

    await proxy.open();
    const back = await untilReady(t.app);
    assert.equal((back.checks as { redis: string }).redis, 'ok');
    await untilReady(other);
    // Shared again: a change on one instance reaches the other's cached board.
    assert.equal(await boardTotal(other, t.org.slug), 1);
    await publishJob(t, t.org, { title: 'After recovery' });
    await settled(t.app);
    assert.equal(await boardTotal(other, t.org.slug), 2);
  });
});
