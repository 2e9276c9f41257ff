import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, afterEach, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { Type, type Static } from 'typebox';
import { openDatabase, queryRows, type Database } from '../../src/infra/db/database.ts';
import { createPgBossTaskQueue, type DurableTaskQueue } from '../../src/infra/queue/pg-boss-task-queue.ts';
import type { QueuedTaskDefinition } from '../../src/infra/queue/task-queue.ts';
import type { TaskDefinition } from '../../src/infra/queue/task-runner.ts';
import { freshDatabase, profile, serverDatabaseUrl } from '../helpers/database.ts';

const Payload = Type.Object({ orgId: Type.String(), n: Type.Integer() });
type Payload = Static<typeof Payload>;

/** A task kind that records each run and does what `behave` says (throw to fail the run). */
function recorder(name: string, behave: (payload: Payload, attempt: number) => Promise<void> = async () => undefined, retryLimit = 2) {
  const runs: Payload[] = [];
  const definition: QueuedTaskDefinition<typeof Payload> = {
    name, payload: Payload, retryLimit, retryDelaySeconds: 1,
    handle: async (payload) => {
      runs.push(payload);
      await behave(payload, runs.length);
    },
  };
  return { definition, runs };
}

/** Polls until the condition holds; gives up after a minute so a broken queue fails the test instead of hanging it. */
async function until(condition: () => boolean | Promise<boolean>, withinMs = 60_000): Promise<void> {
  const giveUpAt = Date.now() + withinMs;
  while (!(await condition())) {
    if (Date.now() > giveUpAt) throw new Error('condition never held');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('durable task queue', () => {
  let database: Database;
  let drop: () => Promise<void>;
  const running: DurableTaskQueue[] = [];
  const open = (definitions: QueuedTaskDefinition[], sweeps: TaskDefinition[] = [], pollIntervalMs = 500): DurableTaskQueue => {
    const queue = createPgBossTaskQueue({
      database, log: pino({ level: 'silent' }), definitions: () => definitions, sweeps: () => sweeps,
      options: { pollIntervalMs, concurrency: 2, deadRetentionSeconds: 3_600, maintenanceIntervalSeconds: 60 },
    });
    running.push(queue);
    return queue;
  };
  /** Makes a waiting retry due now, as if its delay had passed. */
  const dueNow = (id: string) => database.unscoped.execute(sql`update pgboss.job set start_after = now() where id = ${id}`);
  const stored = async (id: string) => (await queryRows<{ state: string; start_after: string }>(database.unscoped,
    sql`select state::text as state, start_after from pgboss.job where id = ${id}`))[0];

  before(async () => {
    ({ database, drop } = await freshDatabase());
  });
  // Every queue shares the one table: a worker left running would take the next test's tasks.
  afterEach(async () => {
    await Promise.all(running.splice(0).map((queue) => queue.stop(1_000)));
  });
  after(() => drop());

  test('a task enqueued in a rolled-back transaction never runs; one in a committed tenant transaction does', async () => {
    const { definition, runs } = recorder('test.commit');
    const queue = open([definition]);
    await assert.rejects(database.unscopedTransaction(async (tx) => {
      await queue.enqueue(definition, { orgId: 'org_a', n: 1 }, { tx });
      throw new Error('the change fails');
    }), /the change fails/);
    // Tenant transactions run as the app role, under row-level security: enqueueing works there too.
    const id = await database.tenant('org_a', (tx) => queue.enqueue(definition, { orgId: 'org_a', n: 2 }, { tx }));
    await queue.start();
    await until(() => runs.length > 0);
    await until(async () => (await stored(id)) === undefined);
    assert.deepEqual(runs, [{ orgId: 'org_a', n: 2 }]);
    assert.deepEqual((await queue.overview()).tasks.filter((t) => t.name === 'test.commit'), [], 'a finished task is deleted, payload and all');
  });

  test('tasks stored by a committed transaction run soon, without waiting for the next poll', async () => {
    const { definition, runs } = recorder('test.soon');
    // A poll far longer than the test allows: only the wake-up after the transaction can run them in time.
    const queue = open([definition], [], 60_000);
    await queue.start();
    // The workers' first poll, at start, has found nothing.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await database.unscopedTransaction(async (tx) => {
      await queue.enqueue(definition, { orgId: 'org_a', n: 1 }, { tx });
      await queue.enqueueMany(definition, [{ orgId: 'org_a', n: 2 }, { orgId: 'org_a', n: 3 }], { tx });
    });
    await until(() => runs.length === 3, 5_000);
    assert.deepEqual(runs.map((r) => r.n).sort(), [1, 2, 3]);
  });

  test('a task with handleBatch takes a fetched batch in one call; the one that fails is retried alone', async () => {
    const calls: number[][] = [];
    let failed = false;
    const definition: QueuedTaskDefinition<typeof Payload> = {
      name: 'test.batch', payload: Payload, retryLimit: 2, retryDelaySeconds: 1,
      handle: () => Promise.reject(new Error('handle is not used when handleBatch is there')),
      handleBatch: async (payloads) => {
        calls.push(payloads.map((p) => p.n));
        return payloads.map((p) => (p.n === 3 && !failed ? ((failed = true), new Error('number three failed once')) : null));
      },
    };
    const queue = open([definition]);
    const ids = await database.unscopedTransaction(async (tx) => Promise.all([1, 2, 3, 4, 5].map((n) => queue.enqueue(definition, { orgId: 'org_a', n }, { tx }))));
    await queue.start();
    await until(async () => (await stored(ids[2]!))?.state === 'retry');
    assert.ok(calls.some((batch) => batch.length > 1), `tasks ran together: ${JSON.stringify(calls)}`);
    assert.deepEqual(calls.flat().sort(), [1, 2, 3, 4, 5], 'each ran once so far');
    for (const id of [0, 1, 3, 4].map((i) => ids[i]!)) assert.equal(await stored(id), undefined, 'the others are done and deleted');
    await dueNow(ids[2]!);
    await until(async () => (await stored(ids[2]!)) === undefined);
    assert.deepEqual(calls.at(-1), [3], 'only the failed one ran again');
  });

  test('a singleton key dedupes while the task waits, and startAfter holds it back', async () => {
    const { definition, runs } = recorder('test.singleton');
    const queue = open([definition]);
    const later = new Date(Date.now() + 60 * 60 * 1000);
    const first = await queue.enqueue(definition, { orgId: 'org_a', n: 1 }, { singletonKey: 'cand_1', startAfter: later });
    const again = await database.tenant('org_a', (tx) => queue.enqueue(definition, { orgId: 'org_a', n: 2 }, { tx, singletonKey: 'cand_1' }));
    const other = await queue.enqueue(definition, { orgId: 'org_a', n: 3 }, { singletonKey: 'cand_2' });
    assert.equal(again, first, 'the waiting task is the one');
    assert.notEqual(other, first);
    await queue.start();
    await until(() => runs.length === 1);
    assert.deepEqual(runs, [{ orgId: 'org_a', n: 3 }], 'the delayed task waits');
    assert.equal((await stored(first))?.state, 'created');
    await dueNow(first);
    await until(() => runs.length === 2);
    assert.deepEqual(runs[1], { orgId: 'org_a', n: 1 });
  });

  test('a failing task is retried after growing, jittered delays, then is dead, listed, and runs again on retry', async () => {
    let healthy = false;
    const failedAt: number[] = [];
    const { definition, runs } = recorder('test.flaky', async ({ n }) => {
      if (healthy) return;
      failedAt.push(Date.now());
      throw new Error(`smtp down for ${n}`);
    });
    const queue = open([definition]);
    const id = await queue.enqueue(definition, { orgId: 'org_a', n: 7 });
    await queue.start();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      await until(async () => (await stored(id))?.state === 'retry' && failedAt.length === attempt);
      delays.push((new Date((await stored(id))!.start_after).getTime() - failedAt[attempt - 1]!) / 1000);
      const listed = (await queue.overview()).failures.find((f) => f.id === id);
      assert.equal(listed?.state, 'retrying');
      assert.equal(listed?.attempts, attempt);
      await dueNow(id);
    }
    // retryDelaySeconds·2ⁿ⁻¹ at least (the jitter only adds, up to as much again).
    assert.ok(delays[0]! >= 1 && delays[1]! >= 2, `delays ${delays.join(', ')}`);
    await until(async () => (await stored(id))?.state === 'failed');
    assert.equal(runs.length, 3, 'the first attempt and retryLimit retries');
    const overview = await queue.overview();
    assert.deepEqual(overview.tasks.find((t) => t.name === 'test.flaky'), { name: 'test.flaky', waiting: 0, active: 0, retrying: 0, dead: 1 });
    const dead = overview.failures.find((f) => f.id === id);
    assert.equal(dead?.state, 'dead');
    assert.equal(dead?.error, 'smtp down for 7');
    assert.equal(dead?.attempts, 3);
    assert.deepEqual((await queue.overview({ orgId: 'org_b' })).failures, [], 'another org sees none of it');

    healthy = true;
    assert.equal(await queue.retry(id), true);
    await until(() => runs.length === 4);
    await until(async () => (await stored(id)) === undefined);
    assert.equal(await queue.retry(id), false, 'nothing left to retry');
  });

  test('tasks that fail together retry at different times (jitter)', async () => {
    const { definition } = recorder('test.herd', async () => {
      throw new Error('down');
    });
    const queue = open([definition]);
    const ids = await Promise.all([1, 2, 3, 4, 5].map((n) => queue.enqueue(definition, { orgId: 'org_a', n })));
    await queue.start();
    await until(async () => (await Promise.all(ids.map(stored))).every((row) => row?.state === 'retry'));
    const due = new Set((await Promise.all(ids.map(stored))).map((row) => new Date(row!.start_after).getTime()));
    assert.equal(due.size, ids.length);
    for (const id of ids) assert.equal(await queue.discard(id), true);
    assert.deepEqual((await queue.overview()).tasks.filter((t) => t.name === 'test.herd'), [], 'discarded');
  });

  test('a worker stopped mid-run loses no task: the next worker runs it again', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = recorder('test.slow', async (_payload, attempt) => {
      if (attempt === 1) await held;
    });
    const first = open([slow.definition]);
    const id = await first.enqueue(slow.definition, { orgId: 'org_a', n: 1 });
    await first.start();
    await until(() => slow.runs.length === 1);
    // Its deadline passes with the run still going: the run is failed back to the queue.
    await first.stop(1_000);
    assert.equal((await stored(id))?.state, 'retry');
    await dueNow(id);
    const second = open([slow.definition]);
    await second.start();
    await until(() => slow.runs.length === 2);
    await until(async () => (await stored(id)) === undefined);
    release();
  });

  test('a cluster sweep runs once per interval however many processes tick it', async () => {
    let runs = 0;
    const sweep: TaskDefinition = { name: 'test.sweep', everyMs: 60 * 60 * 1000, runAtStart: true, scope: 'cluster', run: async () => {
      runs++;
    } };
    const processes = [open([], [sweep]), open([], [sweep]), open([], [sweep])];
    await Promise.all(processes.map((queue) => queue.start()));
    await until(() => runs === 1);
    const [row] = await queryRows<{ n: number }>(database.unscoped, sql`select count(*)::int as n from pgboss.job where data->>'task' = 'test.sweep'`);
    assert.equal(row?.n, 1, 'three processes started it; one run is stored');
  });

  // Another process on the same server: PGlite's database belongs to one process, so only there.
  test('a worker process killed mid-run loses no task: once its time limit passes, another worker runs it', { skip: profile === 'pglite' }, async () => {
    const { url, drop: dropServer } = await serverDatabaseUrl();
    const shared = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 4, statementTimeoutMs: 5_000 });
    const hang: QueuedTaskDefinition<typeof Payload> = { name: 'test.hang', payload: Payload, retryLimit: 2, retryDelaySeconds: 1, timeoutSeconds: 1, handle: async () => undefined };
    const queueOn = (maintenanceIntervalSeconds: number, definition: QueuedTaskDefinition<typeof Payload>) => createPgBossTaskQueue({
      database: shared, log: pino({ level: 'silent' }), definitions: () => [definition], sweeps: () => [],
      options: { pollIntervalMs: 500, concurrency: 1, deadRetentionSeconds: 3_600, maintenanceIntervalSeconds },
    });
    try {
      const id = await queueOn(60, hang).enqueue(hang, { orgId: 'org_a', n: 1 });
      const script = `
        import { pino } from 'pino';
        import { Type } from 'typebox';
        import { openDatabase } from ${JSON.stringify(new URL('../../src/infra/db/database.ts', import.meta.url).pathname)};
        import { createPgBossTaskQueue } from ${JSON.stringify(new URL('../../src/infra/queue/pg-boss-task-queue.ts', import.meta.url).pathname)};
        const database = await openDatabase({ databaseUrl: process.env.URL, dataDir: '', poolMax: 2, statementTimeoutMs: 5000 });
        const hang = { name: 'test.hang', payload: Type.Object({ orgId: Type.String(), n: Type.Integer() }), retryLimit: 2, retryDelaySeconds: 1, timeoutSeconds: 1,
          handle: () => { process.stdout.write('started\\n'); return new Promise(() => undefined); } };
        await createPgBossTaskQueue({ database, log: pino({ level: 'silent' }), definitions: () => [hang], sweeps: () => [],
          options: { pollIntervalMs: 500, concurrency: 1, deadRetentionSeconds: 3600, maintenanceIntervalSeconds: 60 } }).start();`;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, URL: url ?? '' }, stdio: ['ignore', 'pipe', 'inherit'] });
      const ended = once(child, 'exit');
      await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('started') && resolve()));
      child.kill('SIGKILL');
      await ended;
      const state = async () => (await queryRows<{ state: string }>(shared.unscoped, sql`select state::text as state from pgboss.job where id = ${id}`))[0]?.state;
      assert.equal(await state(), 'active', 'the killed worker\'s run is still taken');

      const runs: number[] = [];
      const survivor = queueOn(1, { ...hang, handle: async ({ n }) => {
        runs.push(n);
      } });
      await survivor.start();
      try {
        await until(async () => (await state()) === 'retry');
        await shared.unscoped.execute(sql`update pgboss.job set start_after = now() where id = ${id}`);
        await until(() => runs.length === 1);
        await until(async () => (await state()) === undefined);
      } finally {
        await survivor.stop(1_000);
      }
    } finally {
      await shared.close();
      await dropServer();
    }
  });
});
