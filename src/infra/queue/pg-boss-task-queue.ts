import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import type { Database } from '../db/database.ts';
import { bossDb, QUEUE_SCHEMA } from './pg-boss-sql.ts';
import { createTaskQueueRepo } from './task-queue.repo.ts';
import { SWEEPS_QUEUE, TASKS_QUEUE } from './task-queue-schema.ts';
import type { EnqueueOptions, QueuedTaskDefinition, TaskQueue, TaskQueueAdmin } from './task-queue.ts';
import type { TaskDefinition, TaskLog } from './task-runner.ts';

export interface TaskQueueOptions {
  /** How often an idle worker looks for due tasks (pg-boss polls; at least 500 ms). */
  pollIntervalMs: number;
  /** Workers for one-off tasks in this process; each fetches up to 5 due tasks at once and runs them together. */
  concurrency: number;
  /** How long a dead task stays listed (for `tasks retry`) before it is deleted. */
  deadRetentionSeconds: number;
  /** How often one of the workers fails runs past their time limit (a killed worker's) and deletes old tasks. */
  maintenanceIntervalSeconds: number;
}

export interface TaskQueueWorkers {
  /** Runs this process's share of the queue: one-off tasks, and the cluster sweeps' ticks and runs. */
  start(): Promise<void>;
  /** Stops fetching, lets runs in progress end (up to timeoutMs; the rest are retried later), and resolves. */
  stop(timeoutMs?: number): Promise<void>;
}

export type DurableTaskQueue = TaskQueue & TaskQueueAdmin & TaskQueueWorkers;

interface TaskData { task: string; payload?: unknown }

const DEFAULT_TIMEOUT_SECONDS = 15 * 60;
// pg-boss refuses a time limit of a day or more.
const MAX_TIMEOUT_SECONDS = 86_399;
const SWEEP_WORKERS = 2;
// Tasks one worker fetches at once (and runs together): fewer round trips per task.
const BATCH_SIZE = 20;
/** How long after a task is stored in a transaction a worker here looks for it (see nudge). */
const AFTER_COMMIT_WAKE_MS = 100;
// A sweep's slot is its interval, up to a day (pg-boss keeps a completed run that long to dedupe by it).
const LONGEST_SLOT_SECONDS = 86_400;

/**
 * The durable queue on pg-boss, on the app's own database (PGlite or the server) through its
 * Drizzle executors, so an enqueue can join the caller's transaction.
 *
 * One-off tasks: retried with pg-boss's exponential backoff, which already has jitter (retry n waits
 * a random time between delay·2ⁿ⁻¹ and twice that); once `retryLimit` retries failed, the task stays
 * in pg-boss's failed state: the dead letters, listed until `deadRetentionSeconds` have passed. A task
 * that succeeds is deleted at once: its payload may hold personal data and nothing reads it again.
 *
 * Cluster sweeps (TaskDefinition with scope 'cluster': expiry, retention, key rotation, prunes): each
 * process that runs workers enqueues a run every `everyMs` into a pg-boss throttle slot of that
 * length, so however many processes tick, one run per slot is stored and one worker runs it. pg-boss
 * cron would also give one run per tick, but only per minute and through a second poller; slots keep
 * the tasks' own intervals (tests use seconds) and the queue's retries and listing.
 */
export function createPgBossTaskQueue(deps: {
  database: Database;
  /** Read when workers start: modules that enqueue are built before their definitions are collected. */
  definitions: () => readonly QueuedTaskDefinition[];
  /** The periodic tasks of scope 'cluster'; read when workers start. */
  sweeps: () => readonly TaskDefinition[];
  log: TaskLog;
  options: TaskQueueOptions;
}): DurableTaskQueue {
  const { database, log, options } = deps;
  const definitions = new Map<string, QueuedTaskDefinition>();
  const sweeps = new Map<string, TaskDefinition>();
  // pg-boss completes or fails a batch without awaiting it, after its handler returns: stop() waits for
  // those statements too, so none reaches a database the caller closes right after stopping.
  const inflight = new Set<Promise<unknown>>();
  const tracked = <T>(work: Promise<T>): Promise<T> => {
    inflight.add(work);
    void work.finally(() => inflight.delete(work)).catch(() => undefined);
    return work;
  };
  const statements = bossDb(database.unscoped);
  const boss = new PgBoss({
    db: { executeSql: (text, values) => tracked(statements.executeSql(text, values)) },
    schema: QUEUE_SCHEMA,
    // Installed and upgraded by `hireline migrate` (task-queue-schema.ts); here only checked.
    migrate: false,
    schedule: false,
    pollingIntervalSeconds: options.pollIntervalMs / 1000,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds,
    // Only sweeps complete and stay (a slot's run must outlive its slot to keep the next process from
    // running it again); one-off tasks are deleted as they succeed.
    archiveCompletedAfterSeconds: LONGEST_SLOT_SECONDS,
    archiveFailedAfterSeconds: options.deadRetentionSeconds,
    deleteAfterSeconds: 60,
  });
  boss.on('error', (err) => log.error({ err }, 'task queue error'));
  const repo = createTaskQueueRepo(database);
  const validators = new WeakMap<TSchema, Validator>();
  const validator = (schema: TSchema): Validator => {
    let compiled = validators.get(schema);
    if (!compiled) {
      compiled = Compile(schema);
      validators.set(schema, compiled);
    }
    return compiled;
  };
  const abort = new AbortController();
  const timers = new Set<NodeJS.Timeout>();
  const workers: string[] = [];
  let started: Promise<void> | null = null;
  let next = 0;

  const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

  /** The tasks of one name in a fetched batch: together through handleBatch when it has one, else each on its own. */
  async function runGroup(name: string, group: readonly PgBoss.Job<TaskData>[]): Promise<(Error | null)[]> {
    const definition = definitions.get(name);
    if (!definition) return group.map(() => new Error(`no handler for task ${name} in this process`));
    const fits = validator(definition.payload);
    const outcomes: (Error | null)[] = group.map((job) => (fits.Check(job.data.payload) ? null : new Error(`the payload of task ${name} no longer fits its schema`)));
    const valid = group.filter((_, i) => outcomes[i] === null);
    const context = { signal: abort.signal, log };
    const results = definition.handleBatch && valid.length > 0
      ? await definition.handleBatch(valid.map((job) => job.data.payload), context).then((r) => [...r], (err: unknown) => valid.map(() => asError(err)))
      : await Promise.all(valid.map((job) => definition.handle(job.data.payload, context).then(() => null, asError)));
    let next = 0;
    return outcomes.map((outcome) => outcome ?? results[next++] ?? null);
  }

  /**
   * A fetched batch runs together; each task succeeds or fails on its own (pg-boss would fail the
   * whole batch with one error). Those that succeeded are deleted in one statement; pg-boss's own
   * completion of the batch afterwards then finds none of them active and changes nothing.
   */
  async function runTasks(jobs: readonly PgBoss.Job<TaskData>[]): Promise<void> {
    const groups = new Map<string, PgBoss.Job<TaskData>[]>();
    for (const job of jobs) groups.set(job.data.task, [...(groups.get(job.data.task) ?? []), job]);
    const outcomes = new Map<string, Error | null>();
    await Promise.all([...groups].map(async ([name, group]) => {
      const results = await runGroup(name, group);
      group.forEach((job, i) => outcomes.set(job.id, results[i] ?? null));
    }));
    const done = jobs.filter((job) => outcomes.get(job.id) === null).map((job) => job.id);
    if (done.length > 0) await boss.deleteJob(TASKS_QUEUE, done);
    for (const job of jobs) {
      const err = outcomes.get(job.id);
      if (!err) continue;
      log.error({ err, task: job.data.task, taskId: job.id }, 'queued task failed; it is retried later or becomes dead');
      await boss.fail(TASKS_QUEUE, job.id, err);
    }
  }

  async function runSweep([job]: readonly PgBoss.Job<TaskData>[]): Promise<void> {
    if (!job) return;
    const sweep = sweeps.get(job.data.task);
    if (!sweep) throw new Error(`no sweep ${job.data.task} in this process`);
    try {
      await sweep.run({ signal: abort.signal, log });
    } catch (err) {
      log.error({ err, task: sweep.name }, 'background task failed; it runs again in its next slot');
      throw err;
    }
  }

  /**
   * One pg-boss worker. pg-boss waits a whole polling interval after every fetch, even one that found
   * tasks; waking the worker as a full batch ends lets it go straight on while a backlog lasts. After a
   * batch that was not full it waits for the next poll, so a steady trickle (an email per application)
   * is taken in batches once a poll, not a fetch, a run and a delete for every few tasks.
   */
  async function work(queue: string, batchSize: number, run: (jobs: readonly PgBoss.Job<TaskData>[]) => Promise<void>): Promise<string> {
    // Set once work() resolves; a first batch taken before that just waits out one interval.
    const self: { id?: string } = {};
    self.id = await boss.work<TaskData>(queue, { pollingIntervalSeconds: options.pollIntervalMs / 1000, batchSize }, async (jobs) => {
      if (jobs.length === 0) return;
      try {
        // Tracked too: a handler that outlives stop()'s graceful wait still issues statements (boss.fail) when it ends.
        await tracked(run(jobs));
      } finally {
        if (self.id && jobs.length >= batchSize) boss.notifyWorker(self.id);
      }
    });
    return self.id;
  }

  async function tick(sweep: TaskDefinition): Promise<void> {
    try {
      await boss.send(SWEEPS_QUEUE, { task: sweep.name }, {
        singletonKey: sweep.name,
        singletonSeconds: slotSeconds(sweep),
        retryLimit: 0,
        expireInSeconds: Math.min(MAX_TIMEOUT_SECONDS, Math.max(DEFAULT_TIMEOUT_SECONDS, slotSeconds(sweep))),
      });
    } catch (err) {
      log.error({ err, task: sweep.name }, 'could not schedule a background task run; trying again at its next interval');
    }
  }

  function scheduleTicks(sweep: TaskDefinition): void {
    // pg-boss's own pollers keep a worker process alive; these need not.
    const timer = setInterval(() => void tick(sweep), sweep.everyMs);
    timer.unref();
    timers.add(timer);
    if (sweep.runAtStart) void tick(sweep);
  }

  function checkPayload<S extends TSchema>(definition: QueuedTaskDefinition<S>, payload: unknown): void {
    const check = validator(definition.payload);
    if (!check.Check(payload)) {
      const [first] = check.Errors(payload);
      throw new Error(`payload of task ${definition.name} does not fit its schema${first ? `: ${first.instancePath || '/'} ${first.message}` : ''}`);
    }
  }

  const wakeOne = (): void => {
    const idle = workers[next++ % Math.max(1, workers.length)];
    if (idle) boss.notifyWorker(idle);
  };
  let wakeTimer: NodeJS.Timeout | null = null;
  /**
   * A task due now is taken by a worker here without waiting for its poll. One stored outside any
   * transaction wakes a worker at once; one stored in a transaction, a moment later (it commits in
   * the meantime), and every task stored meanwhile shares that wake-up. So a steady stream (an email
   * per application) is taken a few times a second by one worker, not at each poll by all of them
   * together: workers that drain a backlog together also end it together and poll in step.
   */
  function nudge(enqueueOptions: EnqueueOptions): void {
    if (enqueueOptions.startAfter || workers.length === 0) return;
    if (!enqueueOptions.tx) return wakeOne();
    wakeTimer ??= setTimeout(() => {
      wakeTimer = null;
      wakeOne();
    }, AFTER_COMMIT_WAKE_MS);
    wakeTimer.unref();
  }

  return {
    async enqueue(definition, payload, enqueueOptions = {}) {
      checkRetries(definition);
      checkPayload(definition, payload);
      const singletonKey = enqueueOptions.singletonKey === undefined ? undefined : `${definition.name}:${enqueueOptions.singletonKey}`;
      const id = await boss.send(TASKS_QUEUE, { task: definition.name, payload }, {
        retryLimit: definition.retryLimit,
        retryDelay: definition.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: definition.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
        ...(enqueueOptions.startAfter ? { startAfter: enqueueOptions.startAfter } : {}),
        ...(singletonKey ? { singletonKey } : {}),
        ...(enqueueOptions.tx ? { db: bossDb(enqueueOptions.tx) } : {}),
      });
      if (id) {
        nudge(enqueueOptions);
        return id;
      }
      const waiting = singletonKey ? await repo.waitingWithKey(enqueueOptions.tx ?? database.unscoped, TASKS_QUEUE, singletonKey) : null;
      if (!waiting) throw new Error(`task ${definition.name} was not stored`);
      return waiting;
    },

    async enqueueMany(definition, payloads, enqueueOptions = {}) {
      checkRetries(definition);
      for (const payload of payloads) checkPayload(definition, payload);
      if (payloads.length === 0) return [];
      // pg-boss's insert answers no ids, so they are made here (its ids are UUIDs too).
      const jobs = payloads.map((payload) => ({
        id: randomUUID(), name: TASKS_QUEUE, data: { task: definition.name, payload },
        retryLimit: definition.retryLimit, retryDelay: definition.retryDelaySeconds, retryBackoff: true,
        expireInSeconds: definition.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
        ...(enqueueOptions.startAfter ? { startAfter: enqueueOptions.startAfter.toISOString() } : {}),
      }));
      await boss.insert(jobs, enqueueOptions.tx ? { db: bossDb(enqueueOptions.tx) } : {});
      nudge(enqueueOptions);
      return jobs.map((job) => job.id);
    },

    overview: (overviewOptions) => repo.overview(overviewOptions),
    retry: (id) => repo.retry(id),
    discard: (id) => repo.discard(id),

    start() {
      started ??= (async () => {
        for (const definition of deps.definitions()) {
          if (definitions.has(definition.name)) throw new Error(`queued task ${definition.name} is registered twice`);
          checkRetries(definition);
          definitions.set(definition.name, definition);
        }
        for (const sweep of deps.sweeps()) sweeps.set(sweep.name, sweep);
        await boss.start();
        for (let i = 0; i < options.concurrency; i++) workers.push(await work(TASKS_QUEUE, BATCH_SIZE, runTasks));
        for (let i = 0; i < Math.min(SWEEP_WORKERS, sweeps.size); i++) await work(SWEEPS_QUEUE, 1, runSweep);
        for (const sweep of sweeps.values()) scheduleTicks(sweep);
      })();
      return started;
    },

    async stop(timeoutMs = 10_000) {
      for (const timer of timers) clearInterval(timer);
      if (wakeTimer) clearTimeout(wakeTimer);
      wakeTimer = null;
      timers.clear();
      if (!started) return;
      await started.catch(() => undefined);
      abort.abort();
      // Runs still going at the deadline are failed back to the queue, to be retried.
      await boss.stop({ graceful: true, timeout: timeoutMs, close: false });
      await settled(inflight, timeoutMs);
    },
  };
}

function checkRetries(definition: QueuedTaskDefinition): void {
  if (!Number.isInteger(definition.retryLimit) || definition.retryLimit < 0) throw new Error(`task ${definition.name}: retryLimit must be a whole number`);
  if (!Number.isInteger(definition.retryDelaySeconds) || definition.retryDelaySeconds < 1) throw new Error(`task ${definition.name}: retryDelaySeconds must be a whole number of seconds, at least 1`);
}

/**
 * Waits for the handlers and statements still running, up to a deadline; a failed one was the queue's to
 * report. Again after each round: what ends may start more (a handler's last statement, pg-boss completing
 * the batch right after its handler returns), and those must not reach a database closed after stop().
 */
async function settled(inflight: ReadonlySet<Promise<unknown>>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      resolve();
    }, timeoutMs);
  });
  while (inflight.size > 0 && !timedOut) {
    await Promise.race([Promise.allSettled([...inflight]), deadline]);
    // A turn of the event loop, so work started as those ended is in the set before it is read again.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  clearTimeout(timer);
}

const slotSeconds = (sweep: TaskDefinition): number => Math.min(LONGEST_SLOT_SECONDS, Math.max(1, Math.round(sweep.everyMs / 1000)));
