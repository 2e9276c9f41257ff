import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { createTaskRunner, type TaskDefinition, type TaskLog } from '../../src/infra/queue/task-runner.ts';

function recordingLog(): TaskLog & { errors: { task?: unknown; message: string }[] } {
  const errors: { task?: unknown; message: string }[] = [];
  return { errors, info: () => undefined, error: (details, message) => errors.push({ ...details, message }) };
}

/** A task that counts its runs and lets a test wait for the nth. */
function counting(name: string, options: Partial<TaskDefinition> & { fail?: boolean } = {}) {
  let runs = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const task: TaskDefinition = {
    name, everyMs: 1, ...options,
    run: async () => {
      runs++;
      for (const w of waiters.filter((x) => x.n <= runs)) w.resolve();
      if (options.fail) throw new Error(`${name} broke`);
    },
  };
  const reached = (n: number) => new Promise<void>((resolve) => (runs >= n ? resolve() : waiters.push({ n, resolve })));
  return { task, runs: () => runs, reached };
}

describe('task runner', () => {
  test('runs every registered task, at start when asked and again at each interval', async () => {
    const atStart = counting('a.at-start', { runAtStart: true, everyMs: 60 * 60 * 1000 });
    const repeating = counting('b.repeating');
    const runner = createTaskRunner({ tasks: [atStart.task, repeating.task], log: recordingLog(), keepProcessAlive: true });
    runner.start();
    runner.start();
    // Waiting only on the task that repeats, so a runner that ignored runAtStart fails instead of hanging.
    await repeating.reached(3);
    await runner.stop();
    assert.equal(atStart.runs(), 1, 'an hourly task ran once, at start, and start() twice scheduled it once');
    assert.ok(repeating.runs() >= 3);
  });

  test('a task that throws is logged and retried at its next interval; the others keep running', async () => {
    const log = recordingLog();
    const broken = counting('c.broken', { fail: true, runAtStart: true });
    const healthy = counting('d.healthy', { runAtStart: true });
    const runner = createTaskRunner({ tasks: [broken.task, healthy.task], log, keepProcessAlive: true });
    runner.start();
    await healthy.reached(10);
    await runner.stop();
    assert.ok(broken.runs() >= 3, `the broken task was retried (${broken.runs()} runs)`);
    assert.ok(log.errors.length >= 3);
    assert.ok(log.errors.every((e) => e.task === 'c.broken'), 'only the broken task is reported');
  });

  test('stop() signals a running task, waits for it to end, and nothing runs afterwards', async () => {
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let signal: AbortSignal | null = null;
    let started = () => undefined as void;
    const running = new Promise<void>((resolve) => { started = resolve; });
    let runs = 0;
    const slow: TaskDefinition = {
      name: 'e.slow', everyMs: 1, runAtStart: true,
      run: async (context) => {
        runs++;
        signal = context.signal;
        started();
        await gate;
      },
    };
    const runner = createTaskRunner({ tasks: [slow], log: recordingLog(), keepProcessAlive: true });
    runner.start();
    await running;
    let stopped = false;
    const stopping = runner.stop().then(() => { stopped = true; });
    for (let i = 0; i < 20; i++) await tick();
    assert.equal(stopped, false, 'stop() waits while the task runs');
    assert.equal((signal as AbortSignal | null)?.aborted, true, 'the running task is told to finish');
    release();
    await stopping;
    assert.equal(stopped, true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(runs, 1, 'no run after stop');
  });

  test('runNow runs one task by name, and never alongside its own run in progress', async () => {
    let concurrent = 0;
    let most = 0;
    const task: TaskDefinition = {
      name: 'f.once', everyMs: 60 * 60 * 1000,
      run: async () => {
        most = Math.max(most, ++concurrent);
        await tick();
        concurrent--;
      },
    };
    const runner = createTaskRunner({ tasks: [task], log: recordingLog(), keepProcessAlive: true });
    assert.deepEqual(await Promise.all([runner.runNow('f.once'), runner.runNow('f.once')]), [true, true]);
    assert.equal(most, 1);
    assert.equal(await runner.runNow('no.such-task'), false);
    await runner.stop();
  });

  test('names are unique and intervals positive', () => {
    const task = counting('g.twice').task;
    assert.throws(() => createTaskRunner({ tasks: [task, task], log: recordingLog(), keepProcessAlive: true }), /registered twice/);
    assert.throws(() => createTaskRunner({ tasks: [{ ...task, everyMs: 0 }], log: recordingLog(), keepProcessAlive: true }), /positive interval/);
  });
});
