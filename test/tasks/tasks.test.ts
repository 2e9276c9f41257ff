import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { queryRows } from '../../src/infra/db/database.ts';
import { hashSecretToken } from '../../src/infra/crypto/secret-tokens.ts';
import { createTaskRunner } from '../../src/infra/queue/task-runner.ts';
import { startTasks } from '../../src/server.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { signUp } from '../helpers/identity.ts';

describe('background tasks', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ EXPIRY_SWEEP_INTERVAL_MS: '4000', SIGNING_KEY_ROTATION_DAYS: '30' });
  });
  after(() => t.close());

  test('every module task is registered once, at today\'s intervals', () => {
    const every = Object.fromEntries(t.container.tasks.map((task) => [task.name, task.everyMs]));
    assert.deepEqual(every, {
      'jobs.close-expired': 4000,
      'sessions.prune-refresh-tokens': 60 * 60 * 1000,
      'sessions.rotate-signing-key': 60 * 60 * 1000,
      'sso.delete-expired-logins': 4000,
      'database.refresh-statistics': 6 * 60 * 60 * 1000,
      'recruiting.extract-text': 1000,
      'recruiting.idempotency-sweep': 60 * 60 * 1000,
      'recruiting.retention': 24 * 60 * 60 * 1000,
      'webhooks.deliver': 1000,
    });
  });

  test('the refresh-token prune deletes expired tokens, through the task runner, and keeps live ones working', async () => {
    const user = await signUp(t);
    // Refreshing spends the first token and issues a second; the spent one stays to catch replays.
    const refreshed = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: user.refreshToken } });
    assert.equal(refreshed.statusCode, 200);
    const live = refreshed.json<{ refreshToken: string }>().refreshToken;
    const spent = hashSecretToken(user.refreshToken);
    const stored = async (hash: string) => (await queryRows<{ n: number }>(t.container.database.unscoped,
      sql`select count(*)::int as n from refresh_tokens where hash = ${hash}`))[0]?.n;
    assert.equal(await stored(spent), 1);
    await t.container.database.unscoped.execute(sql`update refresh_tokens set expires_at = now() - interval '1 second' where hash = ${spent}`);

    const runner = createTaskRunner({ tasks: t.container.tasks, log: pino({ level: 'silent' }) });
    assert.equal(await runner.runNow('sessions.prune-refresh-tokens'), true);
    await runner.stop();

    assert.equal(await stored(spent), 0, 'the expired token is gone');
    assert.equal(await stored(hashSecretToken(live)), 1, 'the live token is kept');
    const again = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: live } });
    assert.equal(again.statusCode, 200, 'and still refreshes');
  });

  test('sweeps run through the durable queue (one run per interval across processes); pollers stay on each process\'s timer', () => {
    const cluster = t.container.tasks.filter((task) => task.scope === 'cluster').map((task) => task.name).sort();
    assert.deepEqual(cluster, ['jobs.close-expired', 'recruiting.idempotency-sweep', 'recruiting.retention', 'sessions.prune-refresh-tokens', 'sessions.rotate-signing-key', 'sso.delete-expired-logins']);
  });

  test('started as serve and worker start them, a sweep runs through the queue: expired refresh tokens go', async () => {
    const user = await signUp(t);
    const hash = hashSecretToken(user.refreshToken);
    await t.container.database.unscoped.execute(sql`update refresh_tokens set expires_at = now() - interval '1 second' where hash = ${hash}`);
    const running = await startTasks(t.container, pino({ level: 'silent' }), { stopTimeoutMs: 1_000 });
    try {
      const runsOf = async () => (await queryRows<{ state: string }>(t.container.database.unscoped,
        sql`select state::text as state from pgboss.job where data->>'task' = 'sessions.prune-refresh-tokens'`)).map((r) => r.state);
      while (!(await runsOf()).includes('completed')) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(await runsOf(), ['completed'], 'one run, at start, through the queue');
      const [left] = await queryRows<{ n: number }>(t.container.database.unscoped, sql`select count(*)::int as n from refresh_tokens where hash = ${hash}`);
      assert.equal(left?.n, 0);
    } finally {
      await running.stop();
    }
  });

  test('with SIGNING_KEY_ROTATION_DAYS=0 there is no rotation task', async () => {
    const manual = await startTestApp({ SIGNING_KEY_ROTATION_DAYS: '0' });
    try {
      assert.ok(!manual.container.tasks.some((task) => task.name === 'sessions.rotate-signing-key'));
      assert.ok(manual.container.tasks.some((task) => task.name === 'jobs.close-expired'));
    } finally {
      await manual.close();
    }
  });
});
