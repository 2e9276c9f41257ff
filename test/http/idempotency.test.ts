import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/app.ts';
import { createContainer, version, type Container } from '../../src/container.ts';
import type { ResponseStore } from '../../src/infra/idempotency/index.ts';
import { jobBody, problem, publishJob, startTestApp, type TestApp } from '../helpers/app.ts';
import { testRedisUrl, withoutRedis } from '../helpers/redis.ts';
import { applyUrl } from '../recruiting/applying.helpers.ts';

const log = pino({ level: 'silent' });

/** An app over `container` whose keyed requests stay in flight (their response is not yet kept) until release(). */
async function heldApp(t: TestApp, container: Container): Promise<{ app: FastifyInstance; claimed: Promise<void>; release(): void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let claim!: () => void;
  const claimed = new Promise<void>((resolve) => {
    claim = resolve;
  });
  const inner = container.idempotency.store;
  const store: ResponseStore = {
    begin: async (key, fingerprint) => {
      const begun = await inner.begin(key, fingerprint);
      if (begun.state === 'started') claim();
      return begun;
    },
    finish: async (ticket, response) => {
      await released;
      await inner.finish(ticket, response);
    },
    abandon: (ticket) => inner.abandon(ticket),
  };
  const app = await buildApp({
    config: t.config, version, routes: container.routes, schemas: container.schemas, authenticate: container.authenticate,
    idempotency: { ...container.idempotency, store }, logger: log,
  });
  return { app, claimed, release };
}

const createJob = (app: FastifyInstance, auth: { authorization: string }, key: string, body: Record<string, unknown> = jobBody()) =>
  app.inject({ method: 'POST', url: '/v1/jobs', headers: { ...auth, 'idempotency-key': key }, payload: body });

const apply = (app: FastifyInstance, slug: string, jobId: string, key: string, body: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: applyUrl({ slug }, jobId), headers: { 'idempotency-key': key }, payload: body });


async function jobCount(t: TestApp): Promise<number> {
  const res = await t.app.inject({ method: 'GET', url: '/v1/jobs?limit=100', headers: t.org.auth });
  return res.json<{ data: unknown[] }>().data.length;
}

describe('Idempotency-Key (keys in this process)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => {
    await t.close();
  });

  test('the same key and body replay the first response; another body is a 422; nothing is created twice', async () => {
    const first = await createJob(t.app, t.org.auth, 'create-1');
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.headers['idempotent-replayed'], undefined);
    const again = await createJob(t.app, t.org.auth, 'create-1');
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.body, first.body);
    assert.equal(again.headers.location, first.headers.location);
    assert.equal(await jobCount(t), 1);
    problem(await createJob(t.app, t.org.auth, 'create-1', jobBody({ title: 'Another' })), 422, 'idempotency-key-reused');
    assert.equal(await jobCount(t), 1);
  });

  test('keys belong to their caller: another org\'s same key and body is its own request', async () => {
    const other = await t.createOrg('Other');
    const mine = await createJob(t.app, t.org.auth, 'shared-key');
    const theirs = await createJob(t.app, other.auth, 'shared-key');
    assert.equal(theirs.statusCode, 201);
    assert.equal(theirs.headers['idempotent-replayed'], undefined);
    assert.notEqual(theirs.json<{ id: string }>().id, mine.json<{ id: string }>().id);
  });

  test('a client error is kept and replayed too; a key on another endpoint is another request', async () => {
    const url = '/v1/jobs/job_missing/publish';
    const first = await t.app.inject({ method: 'POST', url, headers: { ...t.org.auth, 'idempotency-key': 'missing-1' } });
    problem(first, 404, 'not-found');
    const again = await t.app.inject({ method: 'POST', url, headers: { ...t.org.auth, 'idempotency-key': 'missing-1' } });
    assert.equal(again.statusCode, 404);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    problem(await createJob(t.app, t.org.auth, 'missing-1'), 422, 'idempotency-key-reused');
  });

  test('while the first request with a key runs, the same key is a 409; once it answers, a replay', async () => {
    const held = await heldApp(t, t.container);
    try {
      const first = createJob(held.app, t.org.auth, 'slow-1', jobBody({ title: 'Slow' }));
      await held.claimed;
      const busy = await createJob(t.app, t.org.auth, 'slow-1', jobBody({ title: 'Slow' }));
      problem(busy, 409, 'idempotency-key-in-flight');
      assert.equal(busy.headers['retry-after'], '1');
      held.release();
      const answered = await first;
      assert.equal(answered.statusCode, 201);
      const replay = await createJob(t.app, t.org.auth, 'slow-1', jobBody({ title: 'Slow' }));
      assert.equal(replay.headers['idempotent-replayed'], 'true');
      assert.equal(replay.body, answered.body);
    } finally {
      held.release();
      await held.app.close();
    }
  });

  test('apply: replay, 422 for another application, 409 while the first runs', async () => {
    const job = await publishJob(t, t.org, { title: 'Apply here' });
    const body = { name: 'Grace Hopper', email: `grace-${randomUUID()}@example.test`, answers: {} };
    const first = await apply(t.app, t.org.slug, job.id, 'apply-1', body);
    assert.equal(first.statusCode, 201, first.body);
    const again = await apply(t.app, t.org.slug, job.id, 'apply-1', body);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.body, first.body);
    problem(await apply(t.app, t.org.slug, job.id, 'apply-1', { ...body, name: 'Someone Else' }), 422, 'idempotency-key-reused');

    const held = await heldApp(t, t.container);
    try {
      const other = { ...body, email: `ada-${randomUUID()}@example.test` };
      const slow = apply(held.app, t.org.slug, job.id, 'apply-2', other);
      await held.claimed;
      problem(await apply(t.app, t.org.slug, job.id, 'apply-2', other), 409, 'idempotency-key-in-flight');
      held.release();
      assert.equal((await slow).statusCode, 201);
    } finally {
      held.release();
      await held.app.close();
    }
  });

  test('every private POST documents the Idempotency-Key header and its 409 and 422', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { security?: unknown[]; parameters?: { in: string; name: string }[]; responses: Record<string, unknown> }>>;
    }>();
    const posts = Object.entries(doc.paths).flatMap(([path, ops]) => (ops.post ? [{ path, op: ops.post }] : []));
    const keyed = posts.filter(({ op }) => op.security !== undefined);
    assert.ok(keyed.length > 20);
    for (const { path, op } of keyed) {
      assert.ok(op.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key'), `${path} documents Idempotency-Key`);
      assert.ok(op.responses['409'] && op.responses['422'], `${path} documents 409 and 422`);
    }
    const applyOp = doc.paths['/v1/boards/{orgSlug}/jobs/{jobId}/applications']?.post;
    assert.ok(applyOp?.parameters?.some((p) => p.name === 'idempotency-key'));
  });
});

describe('Idempotency-Key across two API instances sharing Redis', { skip: withoutRedis }, () => {
  let t: TestApp;
  let other: Container;
  let b: FastifyInstance;
  before(async () => {
    t = await startTestApp({ REDIS_URL: testRedisUrl ?? '', REDIS_KEY_PREFIX: `test-${randomUUID()}:` });
    other = await createContainer(t.config, log, t.container.database);
    b = await buildApp({
      config: t.config, version, routes: other.routes, schemas: other.schemas, authenticate: other.authenticate, idempotency: other.idempotency, logger: log,
    });
  });
  after(async () => {
    await b.close();
    await t.close();
  });

  test('apply on A, retried on B, answers the first application', async () => {
    const job = await publishJob(t, t.org, { title: 'Cross apply' });
    const body = { name: 'Katherine Johnson', email: `kj-${randomUUID()}@example.test`, answers: {} };
    const first = await apply(t.app, t.org.slug, job.id, 'cross-apply', body);
    assert.equal(first.statusCode, 201, first.body);
    const again = await apply(b, t.org.slug, job.id, 'cross-apply', body);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.body, first.body);
    problem(await apply(b, t.org.slug, job.id, 'cross-apply', { ...body, name: 'K. Johnson' }), 422, 'idempotency-key-reused');
  });
  // Last: closing the held app (built on A's container) ends A's Redis connection.
  test('a key used on A is replayed on B, another body is a 422 there, and a key in flight on A is a 409 on B', async () => {
    const first = await createJob(t.app, t.org.auth, 'cross-1');
    assert.equal(first.statusCode, 201);
    const replay = await createJob(b, t.org.auth, 'cross-1');
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.equal(replay.body, first.body);
    problem(await createJob(b, t.org.auth, 'cross-1', jobBody({ title: 'Other' })), 422, 'idempotency-key-reused');

    const held = await heldApp(t, t.container);
    try {
      const slow = createJob(held.app, t.org.auth, 'cross-2');
      await held.claimed;
      problem(await createJob(b, t.org.auth, 'cross-2'), 409, 'idempotency-key-in-flight');
      held.release();
      assert.equal((await slow).statusCode, 201);
      assert.equal((await createJob(b, t.org.auth, 'cross-2')).headers['idempotent-replayed'], 'true');
    } finally {
      held.release();
      await held.app.close();
    }
  });

});
