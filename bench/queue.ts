/**
 * Durable task queue throughput, in process, on each profile: tasks enqueued each in its own
 * transaction (as modules do), then worked off by one process's workers with a no-op handler.
 * `npm run bench` calls measureQueue; on its own: `node --import tsx bench/queue.ts [--tasks=N] [--only=pglite|postgres]`.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { Type } from 'typebox';
import { openDatabase, type Database } from '../src/infra/db/database.ts';
import { runMigrations } from '../src/infra/db/migrations.ts';
import { createPgBossTaskQueue } from '../src/infra/queue/pg-boss-task-queue.ts';
import type { QueuedTaskDefinition } from '../src/infra/queue/task-queue.ts';
import { benchDatabaseUrl, pgAdminUrl } from './seed.ts';

export interface QueueResult {
  enqueuedPerSec: number;
  /** Tasks/s through the workers, draining a backlog. */
  tasksPerSec: number;
  /** Commit to handler start, with workers idle and tasks arriving one at a time (ms). */
  p50: number;
  p99: number;
  tasks: number;
  concurrency: number;
}

const PRODUCERS = 8;
const LIVE_TASKS = 200;
const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function benchDatabase(profile: 'pglite' | 'postgres'): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (profile === 'pglite') {
    const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://', poolMax: 1, statementTimeoutMs: 60_000 });
    await runMigrations(database);
    return { database, drop: () => database.close() };
  }
  const name = 'hireline_bench_queue';
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const database = await openDatabase({ databaseUrl: benchDatabaseUrl(name), dataDir: '', poolMax: 10, statementTimeoutMs: 60_000 });
  await runMigrations(database);
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export async function measureQueue(profile: 'pglite' | 'postgres', { tasks = 2_000, concurrency = 4 } = {}): Promise<QueueResult> {
  const { database, drop } = await benchDatabase(profile);
  try {
    const payload = Type.Object({ orgId: Type.String(), n: Type.Integer(), enqueuedAt: Type.Number() });
    let handled = 0;
    const latencies: number[] = [];
    let live = false;
    const definition: QueuedTaskDefinition<typeof payload> = {
      name: 'bench.noop', payload, retryLimit: 2, retryDelaySeconds: 1,
      handle: async ({ enqueuedAt }) => {
        if (live) latencies.push(performance.timeOrigin + performance.now() - enqueuedAt);
        handled++;
      },
    };
    const queue = createPgBossTaskQueue({
      database, log: pino({ level: 'warn' }), definitions: () => [definition], sweeps: () => [],
      options: { pollIntervalMs: 500, concurrency, deadRetentionSeconds: 3_600, maintenanceIntervalSeconds: 600 },
    });
    const enqueue = (n: number) => database.tenant('org_bench', (tx) =>
      queue.enqueue(definition, { orgId: 'org_bench', n, enqueuedAt: performance.timeOrigin + performance.now() }, { tx }));

    let next = 0;
    const enqueueStarted = performance.now();
    await Promise.all(Array.from({ length: PRODUCERS }, async () => {
      while (next < tasks) await enqueue(next++);
    }));
    const enqueuedPerSec = tasks / ((performance.now() - enqueueStarted) / 1000);

    const drainStarted = performance.now();
    await queue.start();
    while (handled < tasks) await new Promise((resolve) => setTimeout(resolve, 5));
    const tasksPerSec = tasks / ((performance.now() - drainStarted) / 1000);

    // One at a time, each committed in its own transaction, while the workers wait on their poll.
    live = true;
    for (let n = 0; n < LIVE_TASKS; n++) {
      const before = handled;
      await enqueue(n);
      while (handled === before) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await queue.stop();
    latencies.sort((a, b) => a - b);
    return { enqueuedPerSec, tasksPerSec, p50: Math.round(percentile(latencies, 0.5)), p99: Math.round(percentile(latencies, 0.99)), tasks, concurrency };
  } finally {
    await drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { tasks: { type: 'string', default: '2000' }, only: { type: 'string' } } });
  for (const profile of values.only ? [values.only as 'pglite' | 'postgres'] : (['pglite', 'postgres'] as const)) {
    const result = await measureQueue(profile, { tasks: Number(values.tasks) });
    process.stdout.write(`${profile}: enqueue ${Math.round(result.enqueuedPerSec)}/s, through the worker ${Math.round(result.tasksPerSec)} tasks/s `
      + `(${result.concurrency} workers), commit to start p50 ${result.p50} ms, p99 ${result.p99} ms\n`);
  }
  process.exit(0);
}
