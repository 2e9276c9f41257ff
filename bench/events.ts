/**
 * Events from commit to RabbitMQ and to a webhook receiver, on the PostgreSQL server profile, in one
 * process as `hireline serve` runs them (API container, outbox relay woken on commit, task runner).
 * Each event is committed through the events service's `withEvents`, the transaction every module's
 * change goes through: one `job.updated` event (a real job as payload, ~1 KB) per transaction.
 * A consumer bound to the exchange and a node:http receiver on 127.0.0.1, in a process of their own
 * (bench/event-sinks.ts), note when each event arrives.
 * The lead's bench/run.ts calls measureEvents(); `node --import tsx bench/events.ts [--duration=10] [--events=20000]` runs it alone.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { pino } from 'pino';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createContainer, version } from '../src/container.ts';
import { createTaskRunner } from '../src/infra/queue/task-runner.ts';
import type { EventPayload } from '../src/modules/events/index.ts';
import { wallClock, type SinkKind, type SinkMessage, type SinkQuery } from './event-sinks.ts';
import { runCommand } from './processes.ts';
import type { Row } from './report.ts';
import { benchDatabaseUrl, pgAdminUrl, withClient } from './seed.ts';

const DATABASE = 'hireline_bench_events';
const EXCHANGE = 'hireline.bench.events';
/** The rate the latency target is stated at. */
const TARGET_RATE = 2_000;
const WEBHOOK_RATE = 100;
const amqpUrl = process.env.BENCH_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const natsUrl = process.env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222';
const NATS_STREAM = 'HIRELINE_BENCH_EVENTS';

/** How many messages the stream holds. */
async function streamMessages(url: string, stream: string): Promise<number> {
  const nc = await connect({ servers: url });
  try {
    return (await (await jetstreamManager(nc)).streams.info(stream)).state.messages;
  } finally {
    await nc.close();
  }
}

async function deleteStream(url: string, stream: string): Promise<void> {
  const nc = await connect({ servers: url });
  try {
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => false);
  } finally {
    await nc.close();
  }
}

export interface EventsBenchResult {
  rows: Row[];
  notes: string[];
}

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN);
};

/** Starts bench/event-sinks.ts; `collect` waits for the named events to arrive and reads when each did. */
async function startSinks(url: string, exchange: string) {
  const child = fork(fileURLToPath(new URL('./event-sinks.ts', import.meta.url)), [url, exchange], { execArgv: ['--import', 'tsx'] });
  const next = () => new Promise<SinkMessage>((resolve, reject) => {
    child.once('message', (m: SinkMessage) => resolve(m));
    child.once('exit', (code) => reject(new Error(`the event sinks exited (${code})`)));
  });
  const ready = await next();
  if (!('ready' in ready)) throw new Error('the event sinks did not start');
  return {
    receiverUrl: ready.ready.receiverUrl,
    async collect(kind: SinkKind, ids: string[], timeoutMs: number): Promise<{ at: Map<string, number>; missing: number; last: number }> {
      const answer = next();
      child.send({ kind, ids, timeoutMs } satisfies SinkQuery);
      const reply = await answer;
      if (!('arrivals' in reply)) throw new Error('unexpected answer from the event sinks');
      const at = new Map<string, number>();
      reply.arrivals.forEach((time, i) => {
        if (time !== null) at.set(ids[i] ?? '', time);
      });
      return { at, missing: ids.length - at.size, last: Math.max(...at.values()) };
    },
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.disconnect();
    }),
  };
}

export async function measureEvents(options: { duration: number; events: number }): Promise<EventsBenchResult> {
  const databaseUrl = benchDatabaseUrl(DATABASE);
  await withClient(pgAdminUrl, async (client) => {
    await client.query(`drop database if exists ${DATABASE} with (force)`);
    await client.query(`create database ${DATABASE}`);
  });
  const env = { SEED_DEMO: 'false', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl };
  await runCommand('src/main.ts', ['migrate'], env, 180_000);

  // The receiving side (a bound queue, a webhook receiver) runs in its own process, as it would.
  const sinks = await startSinks(amqpUrl, EXCHANGE);
  const receiverUrl = sinks.receiverUrl;

  const log = pino({ level: 'warn' });
  const config = loadConfig({ ...env, AMQP_URL: amqpUrl, AMQP_EXCHANGE: EXCHANGE, WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  const container = await createContainer(config, log);
  const app = await buildApp({ config, version, routes: container.routes, schemas: container.schemas, authenticate: container.authenticate, logger: log });
  const runner = createTaskRunner({ tasks: container.tasks, log });
  try {
    const { org, apiKey } = await container.orgs.createOrg({ name: 'Bench events', slug: 'bench-events' });
    const auth = { authorization: `Bearer ${apiKey}` };
    const created = await app.inject({ method: 'POST', url: '/v1/jobs', headers: auth, payload: { title: 'Backend Engineer', description: 'Build APIs in Node.js.', locations: ['Berlin, Germany'], employmentType: 'FULL_TIME' } });
    if (created.statusCode !== 201) throw new Error(`creating the job failed: ${created.statusCode} ${created.body}`);
    const job = created.json<EventPayload<'job.updated'>['job']>();
    // The webhook endpoint takes only job.reopened, so the RabbitMQ runs' events do not queue up for it.
    const hook = await app.inject({ method: 'POST', url: '/v1/webhooks', headers: auth, payload: { url: receiverUrl, eventTypes: ['job.reopened'] } });
    if (hook.statusCode !== 201) throw new Error(`registering the webhook failed: ${hook.statusCode} ${hook.body}`);
    // The relay alone, before the task runner's poll starts: a backlog committed through a second
    // instance without an outlet, then one drain. First to NATS JetStream (its drain marks them, so the
    // RabbitMQ relay never sees them), then a fresh backlog to RabbitMQ.
    const writer = await createContainer(loadConfig(env), log);
    const commitBacklog = async (tag: string): Promise<{ tokens: string[]; perSec: number }> => {
      let left = options.events;
      const tokens: string[] = [];
      const started = performance.now();
      await Promise.all(Array.from({ length: 32 }, async () => {
        while (left-- > 0) {
          const token = `bench_${tag}${left}`;
          await writer.events.withEvents(org.id, async (_tx, record) => record({ orgId: org.id, type: 'job.updated', subjectId: token, payload: { job, changed: ['title'] } }));
          tokens.push(token);
        }
      }));
      return { tokens, perSec: tokens.length / ((performance.now() - started) / 1000) };
    };
    let natsRate = Number.NaN;
    let natsNote = `NATS at ${natsUrl} not measured`;
    let backlog: { tokens: string[]; perSec: number };
    try {
      await deleteStream(natsUrl, NATS_STREAM);
      const nats = await createContainer(loadConfig({ ...env, NATS_URL: natsUrl, NATS_STREAM: NATS_STREAM, NATS_SUBJECT_PREFIX: 'hireline.bench.events' }), log);
      try {
        const toNats = await commitBacklog('n');
        const started = performance.now();
        // drain() resolves once the stream acknowledged every batch: stored, which is what "delivered" means for a log.
        const published = (await nats.outbox?.drain()) ?? 0;
        natsRate = published / ((performance.now() - started) / 1000);
        // The outlet's first connect also wakes the relay, so part of the backlog may go before the timed drain.
        natsNote = `NATS JetStream at ${natsUrl}: the stream holds ${await streamMessages(natsUrl, NATS_STREAM)} of ${toNats.tokens.length} events; the timed drain sent ${published} (the rest went when the outlet connected) (${NATS_STREAM}, file storage, deleted after)`;
      } finally {
        await nats.close();
        await deleteStream(natsUrl, NATS_STREAM);
      }
    } catch (err) {
      natsNote = `NATS at ${natsUrl} not measured: ${err instanceof Error ? err.message : String(err)}`;
    }
    try {
      backlog = await commitBacklog('b');
    } finally {
      await writer.close();
    }
    const backlogTokens = backlog.tokens;
    const backlogCommitRate = backlog.perSec;
    const drainStarted = wallClock();
    await container.outbox?.drain();
    const drained = await sinks.collect('broker', backlogTokens, 120_000);
    const drainMissing = drained.missing;
    const drainRate = (backlogTokens.length - drainMissing) / ((drained.last - drainStarted) / 1000);

    runner.start();

    // Each event's subject id is a token of its own, so an arrival is matched to its commit without reading the outbox.
    const committedAt = new Map<string, number>();
    let n = 0;
    const commitOne = async (type: 'job.updated' | 'job.reopened'): Promise<string> => {
      const token = `bench_${type === 'job.updated' ? 'u' : 'r'}${n++}`;
      await container.events.withEvents(org.id, async (_tx, record) => {
        if (type === 'job.updated') record({ orgId: org.id, type, subjectId: token, payload: { job, changed: ['title'] } });
        else record({ orgId: org.id, type, subjectId: token, payload: { job } });
      });
      committedAt.set(token, wallClock());
      return token;
    };
    const latencies = (tokens: readonly string[], at: Map<string, number>) =>
      tokens.flatMap((token) => {
        const arrived = at.get(token);
        const committed = committedAt.get(token);
        return arrived !== undefined && committed !== undefined ? [arrived - committed] : [];
      });

    // Flat out: `events` commits, 32 at a time; throughput counts from the first commit to the last arrival.
    const flatStarted = wallClock();
    const flatTokens: string[] = [];
    let remaining = options.events;
    await Promise.all(Array.from({ length: 32 }, async () => {
      while (remaining-- > 0) flatTokens.push(await commitOne('job.updated'));
    }));
    const commitSeconds = (wallClock() - flatStarted) / 1000;
    const flat = await sinks.collect('broker', flatTokens, 120_000);
    const flatMissing = flat.missing;
    const flatRate = (flatTokens.length - flatMissing) / ((flat.last - flatStarted) / 1000);
    const flatLatency = latencies(flatTokens, flat.at);

    // Open loop at the target rate: commit i starts when due, whether or not earlier ones are done.
    const paced = async (type: 'job.updated' | 'job.reopened', rate: number, seconds: number) => {
      // A commit that fails (the pool's wait for a connection timing out under a backlog) counts, not crashes the run.
      const tokens: Promise<string | null>[] = [];
      const started = wallClock();
      const total = Math.round(rate * seconds);
      for (let i = 0; i < total; i++) {
        const wait = started + (i * 1000) / rate - wallClock();
        if (wait > 0) await sleep(wait);
        tokens.push(commitOne(type).catch(() => null));
      }
      const settled = await Promise.all(tokens);
      const done = settled.filter((token) => token !== null);
      return { tokens: done, failed: settled.length - done.length, committedPerSec: done.length / ((wallClock() - started) / 1000) };
    };
    const atTarget = await paced('job.updated', TARGET_RATE, options.duration);
    const pacedArrivals = await sinks.collect('broker', atTarget.tokens, 60_000);
    const pacedMissing = pacedArrivals.missing;
    const pacedLatency = latencies(atTarget.tokens, pacedArrivals.at);

    // Webhooks: a slower paced run of the one type the endpoint takes; deliveries go out on the 1 s sweep after a 2 s settling delay.
    const hookStarted = wallClock();
    const toHook = await paced('job.reopened', WEBHOOK_RATE, options.duration);
    const hooked = await sinks.collect('hooks', toHook.tokens, 120_000);
    const hookMissing = hooked.missing;
    const hookRate = (toHook.tokens.length - hookMissing) / ((hooked.last - hookStarted) / 1000);
    const hookLatency = latencies(toHook.tokens, hooked.at);

    const flatMet = flatRate >= TARGET_RATE && flatMissing === 0;
    const pacedMet = percentile(pacedLatency, 0.99) <= 200 && atTarget.committedPerSec >= TARGET_RATE * 0.98 && pacedMissing + atTarget.failed === 0;
    return {
      rows: [
        {
          scenario: '(h) events, commit → RabbitMQ, flat out', profile: 'postgres', cache: '—', reqPerSec: flatRate,
          p50: percentile(flatLatency, 0.5), p99: percentile(flatLatency, 0.99), ratio: null, failures: flatMissing,
          target: `${flatMet ? 'yes' : 'NO'} (≥ ${TARGET_RATE} events/s, none lost)`,
        },
        {
          scenario: '(h) events, relay drain of a backlog → RabbitMQ', profile: 'postgres', cache: '—', reqPerSec: drainRate,
          p50: Number.NaN, p99: Number.NaN, ratio: null, failures: drainMissing,
          target: `${drainRate >= TARGET_RATE && drainMissing === 0 ? 'yes' : 'NO'} (≥ ${TARGET_RATE} events/s)`,
        },
        {
          scenario: '(h) events, relay drain of a backlog → NATS JetStream', profile: 'postgres', cache: '—', reqPerSec: natsRate,
          p50: Number.NaN, p99: Number.NaN, ratio: null, failures: 0, target: 'none set (second outlet)',
        },
        {
          scenario: `(h) events, commit → RabbitMQ, at ${TARGET_RATE}/s`, profile: 'postgres', cache: '—', reqPerSec: atTarget.committedPerSec,
          p50: percentile(pacedLatency, 0.5), p99: percentile(pacedLatency, 0.99), ratio: null, failures: pacedMissing + atTarget.failed,
          target: `${pacedMet ? 'yes' : 'NO'} (p99 commit-to-delivery ≤ 200 ms at ${TARGET_RATE}/s)`,
        },
        {
          scenario: `(h) events, commit → webhook receiver, at ${WEBHOOK_RATE}/s`, profile: 'postgres', cache: '—', reqPerSec: hookRate,
          p50: percentile(hookLatency, 0.5), p99: percentile(hookLatency, 0.99), ratio: null, failures: hookMissing + toHook.failed,
          target: 'none set (floor: 2 s settling + 1 s sweep)',
        },
      ],
      notes: [
        `(h) in one process as \`serve\` runs it (relay woken on commit, task runner), PostgreSQL server, RabbitMQ at ${new URL(amqpUrl).host}; each event is one \`withEvents\` transaction `
        + `recording one job event (a real job as payload, ${Buffer.byteLength(JSON.stringify(job))} B). Flat out: ${options.events} commits 32 at a time (commits alone ${Math.round(options.events / commitSeconds)}/s), `
        + `events/s from the first commit to the last arrival at a bound queue. Backlog: as many events committed by a second instance without an outlet (${Math.round(backlogCommitRate)}/s, no relay running), then one drain, events/s to the last arrival. Paced: ${options.duration} s open-loop at ${TARGET_RATE}/s (committed ${Math.round(atTarget.committedPerSec)}/s), `
        + `latency from each commit's return to its arrival at the consumer. Webhooks: ${toHook.tokens.length} events at ${WEBHOOK_RATE}/s to a node:http receiver on 127.0.0.1 (one endpoint), `
        + `events/s from the first commit to the last delivery. ${natsNote}. Missing after the wait: RabbitMQ ${flatMissing} + ${pacedMissing}, webhooks ${hookMissing}; failed commits in the paced runs: ${atTarget.failed}, ${toHook.failed}.`,
      ],
    };
  } finally {
    await runner.stop();
    await app.close();
    await container.close();
    await sinks.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, events: { type: 'string', default: '20000' } } });
  const { rows, notes } = await measureEvents({ duration: Number(values.duration), events: Number(values.events) });
  process.stdout.write(`${rows.map((row) => JSON.stringify(row)).join('\n')}\n${notes.join('\n')}\n`);
  process.exit(0);
}
