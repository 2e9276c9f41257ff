/** What a task may log; pino's logger satisfies it. */
export interface TaskLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface TaskContext {
  /** Aborted when the runner stops: a long task should end its current batch and return. */
  signal: AbortSignal;
  log: TaskLog;
}

/**
 * A background task as modules declare it in `<module>.tasks.ts`. Nothing in it says how it is run,
 * so the in-process runner below and a durable queue (pg-boss, graphile-worker: a schedule per name,
 * a worker calling `run`) can take the same definitions.
 */
export interface TaskDefinition {
  /** Unique and stable (`jobs.close-expired`): logs, schedules and locks are keyed on it. */
  readonly name: string;
  /** The next run starts this long after the previous one ends, whether it succeeded or threw. */
  readonly everyMs: number;
  /** Also run once as soon as the runner starts, not only after the first interval. */
  readonly runAtStart?: boolean;
  /**
   * 'process' (the default): this process's timer runs it, in every process; right for pollers that
   * claim their own rows and must react within a second (the outbox relay, webhook deliveries, text
   * extraction) and for per-process work (PGlite's planner statistics). 'cluster': the durable queue
   * runs it once per interval however many processes run workers (sweeps, expiry, key rotation).
   */
  readonly scope?: 'process' | 'cluster';
  run(context: TaskContext): Promise<void>;
}

export interface TaskRunner {
  /** Schedules every task; calling it again does nothing. */
  start(): void;
  /** Runs one task now (or waits for its run in progress); false if no task has that name. */
  runNow(name: string): Promise<boolean>;
  /** Stops scheduling, signals running tasks, and resolves once they have all ended. */
  stop(): Promise<void>;
}

/**
 * Runs tasks on timers in this process. A task never overlaps itself; one that throws is logged and
 * tried again at its next interval, and no task's failure or slowness holds up another.
 */
export function createTaskRunner({ tasks, log, keepProcessAlive = false }: {
  tasks: readonly TaskDefinition[];
  log: TaskLog;
  /** Whether pending runs keep the process alive: yes in `worker`; no in `serve`, whose server does. */
  keepProcessAlive?: boolean;
}): TaskRunner {
  const names = new Set<string>();
  for (const task of tasks) {
    if (names.has(task.name)) throw new Error(`task ${task.name} is registered twice`);
    if (!(task.everyMs > 0)) throw new Error(`task ${task.name} needs a positive interval`);
    names.add(task.name);
  }
  const abort = new AbortController();
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();
  let started = false;
  let stopped = false;

  function runOnce(task: TaskDefinition): Promise<void> {
    const inProgress = running.get(task.name);
    if (inProgress) return inProgress;
    const run = (async () => {
      try {
        await task.run({ signal: abort.signal, log });
      } catch (err) {
        log.error({ err, task: task.name }, 'background task failed; it runs again at its next interval');
      } finally {
        running.delete(task.name);
      }
    })();
    running.set(task.name, run);
    return run;
  }

  function schedule(task: TaskDefinition, delayMs: number): void {
    if (stopped) return;
    const timer = setTimeout(() => {
      void runOnce(task).then(() => schedule(task, task.everyMs));
    }, delayMs);
    if (!keepProcessAlive) timer.unref();
    timers.set(task.name, timer);
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      for (const task of tasks) schedule(task, task.runAtStart ? 0 : task.everyMs);
    },

    async runNow(name) {
      const task = tasks.find((t) => t.name === name);
      if (!task) return false;
      await runOnce(task);
      return true;
    },

    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      abort.abort();
      await Promise.all(running.values());
    },
  };
}
