import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { Type } from 'typebox';
import { tasksCommand } from '../../src/cli/tasks.ts';
import { createPgBossTaskQueue, type DurableTaskQueue } from '../../src/infra/queue/pg-boss-task-queue.ts';
import type { QueuedTaskDefinition } from '../../src/infra/queue/task-queue.ts';
import type { Role } from '../../src/modules/access/index.ts';
import { json, problem, startTestApp, type TestApp } from '../helpers/app.ts';
import { join, signUp, type TestUser } from '../helpers/identity.ts';

interface Overview {
  tasks: { name: string; waiting: number; active: number; retrying: number; dead: number }[];
  failures: { id: string; name: string; state: string; attempts: number; error: string; lastAttemptAt: string; nextAttemptAt: string | null }[];
}

/** Polls until the condition holds; gives up after a minute so a broken queue fails the test instead of hanging it. */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  const giveUpAt = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > giveUpAt) throw new Error('condition never held');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('tasks list, retry and discard (CLI) and GET /v1/admin/tasks', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let worker: DurableTaskQueue;
  let healthy = false;
  const delivered: string[] = [];
  const notify: QueuedTaskDefinition<ReturnType<typeof payload>> = {
    name: 'test.notify', payload: payload(), retryLimit: 0, retryDelaySeconds: 1,
    handle: async ({ orgId, to }) => {
      if (!healthy) throw new Error(`mail server refused the message for ${orgId}`);
      delivered.push(to);
    },
  };
  function payload() {
    return Type.Object({ orgId: Type.String(), to: Type.String() });
  }
  const tasks = (user: TestUser) => t.app.inject({ method: 'GET', url: '/v1/admin/tasks', headers: user.auth });
  let mine = '';
  let theirs = '';

  before(async () => {
    t = await startTestApp({ TASK_QUEUE_POLL_INTERVAL_MS: '500' });
    owner = await signUp(t);
    other = await signUp(t);
    // A worker of its own over the app's database: the app's task kinds (sign-up queues an email) and one the test defines.
    worker = createPgBossTaskQueue({
      database: t.container.database, log: pino({ level: 'silent' }), definitions: () => [notify, ...t.container.queuedTasks], sweeps: () => [],
      options: { pollIntervalMs: 500, concurrency: 1, deadRetentionSeconds: 3_600, maintenanceIntervalSeconds: 60 },
    });
    mine = await t.container.taskQueue.enqueue(notify, { orgId: owner.orgId, to: 'mine' });
    theirs = await t.container.taskQueue.enqueue(notify, { orgId: other.orgId, to: 'theirs' });
    await worker.start();
    await until(async () => (await t.container.taskQueue.overview()).failures.filter((f) => f.state === 'dead').length === 2);
  });
  after(async () => {
    await worker.stop(1_000);
    await t.close();
  });

  test('an owner or admin sees the dead letters of their own org\'s tasks, with the error, and nothing of another org\'s', async () => {
    const admin = await join(t, owner.auth, 'admin');
    for (const user of [owner, admin]) {
      const res = await tasks(user);
      assert.equal(res.statusCode, 200);
      const body = json<Overview>(res);
      // Signing up queued a verification email too (mail.send, not run here): only this test's kind is compared.
      assert.deepEqual(body.tasks.filter((task) => task.name === 'test.notify'), [{ name: 'test.notify', waiting: 0, active: 0, retrying: 0, dead: 1 }]);
      assert.deepEqual(body.failures.map((f) => [f.id, f.state, f.attempts, f.error, f.nextAttemptAt]),
        [[mine, 'dead', 1, `mail server refused the message for ${owner.orgId}`, null]]);
      assert.ok(!JSON.stringify(body).includes(other.orgId));
    }
    const theirView = json<Overview>(await tasks(other));
    assert.deepEqual(theirView.failures.map((f) => f.id), [theirs]);
  });

  test('the other roles may not look', async () => {
    for (const role of ['recruiter', 'hiring_manager', 'interviewer', 'viewer'] satisfies Role[]) {
      const member = await join(t, owner.auth, role);
      const denied = problem(await tasks(member), 403, 'forbidden');
      assert.match(String(denied.detail), /tasks:read/);
    }
    problem(await t.app.inject({ method: 'GET', url: '/v1/admin/tasks' }), 401, 'unauthenticated');
  });

  test('the CLI lists every org\'s tasks, retries a dead one (it runs again) and discards another', async () => {
    const listed = await tasksCommand(t.container, 'list');
    assert.equal(listed.ok, true);
    assert.match(listed.output, /test\.notify\s+0\s+0\s+0\s+2/);
    assert.ok(listed.output.includes(mine) && listed.output.includes(theirs));
    assert.ok(listed.output.includes(`mail server refused the message for ${other.orgId}`));

    healthy = true;
    assert.deepEqual(await tasksCommand(t.container, 'retry', mine), { ok: true, output: `Task ${mine} queued to run again now.\n` });
    await until(() => delivered.length === 1);
    assert.deepEqual(delivered, ['mine']);
    assert.deepEqual(await tasksCommand(t.container, 'discard', theirs), { ok: true, output: `Task ${theirs} discarded.\n` });
    await until(async () => !(await t.container.taskQueue.overview()).tasks.some((task) => task.name === 'test.notify'));
    assert.deepEqual(delivered, ['mine'], 'the discarded task never ran');

    assert.equal((await tasksCommand(t.container, 'retry', mine)).ok, false, 'it ran; nothing to retry');
    assert.equal((await tasksCommand(t.container, 'discard', 'not-a-task-id')).ok, false);
    // The invitation emails of the tests above are the app's own mail.send tasks, which the worker may still be sending.
    await until(async () => (await t.container.taskQueue.overview()).tasks.length === 0);
    assert.equal((await tasksCommand(t.container, 'list')).output, 'No unfinished tasks.\n');
  });
});
