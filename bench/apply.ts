/**
 * Applications per second through the public apply endpoint (multipart, a small real PDF résumé, a
 * unique email per request) on the PostgreSQL server profile, then a check that every 2xx is durable.
 * The lead's bench/run.ts calls measureApplying(); `node --import tsx bench/apply.ts [--duration=10]` runs it alone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { pacedLoad } from './paced.ts';
import { processCpuMs, processTreeCpuMs, runCommand, startServer } from './processes.ts';
import type { Row } from './report.ts';
import { pgAdminUrl, withClient } from './seed.ts';

const APPLY_SLUG = 'bench-apply';
const DATABASE = 'hireline_bench_apply';
const WARMUP_SECONDS = 2;

interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: Buffer;
  setupRequest?: (request: CannonRequest) => CannonRequest;
  onResponse?: (status: number, body: string) => void;
}
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Cannon = (options: { url: string; connections: number; duration: number; requests: CannonRequest[] }) => PromiseLike<CannonResult> & { stop: () => void };
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

export interface ApplyBenchResult {
  rows: Row[];
  notes: string[];
}

async function smallPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  ['Ada Example', 'Backend engineer', 'Node.js, PostgreSQL, TypeScript', '8 years building APIs'].forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 16, size: 12, font }));
  return doc.save();
}

/** A multipart body as a browser sends the careers form, assembled from fixed pieces around the varying email. */
function formBuilder(pdf: Uint8Array): { contentType: string; body: (n: number) => Buffer } {
  const boundary = '----hirelinebench7d1f';
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head = field('name', 'Ada Example');
  const fileHead = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="resume"; filename="cv.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
  const tail = Buffer.from(`\r\n${field('consent', 'true')}--${boundary}--\r\n`);
  const run = Date.now().toString(36);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: (n) => Buffer.concat([Buffer.from(head + field('email', `ada-${run}-${n}@bench.example`)), fileHead, pdf, tail]),
  };
}

/** The rate the latency target is stated at: p99 is read while applications arrive this fast. */
const TARGET_RATE = 300;

function drive(url: string, target: string, connections: number, seconds: number, form: ReturnType<typeof formBuilder>, counter: { n: number }, accepted: Set<string>): Promise<CannonResult> {
  const setupRequest = (request: CannonRequest): CannonRequest => ({ ...request, body: form.body(counter.n++) });
  // Every 2xx names its application: each must be in the database afterwards.
  const onResponse = (status: number, body: string) => {
    if (status >= 200 && status < 300) accepted.add((JSON.parse(body) as { applicationId: string }).applicationId);
  };
  const instance = autocannon({
    url, connections, duration: seconds,
    requests: [{ method: 'POST', path: target, headers: { 'content-type': form.contentType }, setupRequest, onResponse }],
  });
  const guard = setTimeout(() => instance.stop(), (seconds + 15) * 1000);
  return Promise.resolve(instance).finally(() => clearTimeout(guard));
}

/**
 * CPU used so far by the server (with its threads and children) and by each PostgreSQL backend serving
 * its database, and the database's committed transactions (background tasks' included).
 */
async function cpuNow(serverPid: number, databaseUrl: string): Promise<{ server: number; backends: Map<number, number>; commits: number }> {
  const { pids, commits } = await withClient(databaseUrl, async (client) => ({
    pids: (await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')).rows.map((r) => r.pid),
    // Shared statistics reach the view within about a second of a commit; the runs last 10 s.
    commits: Number((await client.query<{ n: string }>('select xact_commit as n from pg_stat_database where datname = current_database()')).rows[0]?.n ?? 0),
  }));
  const backends = new Map<number, number>();
  for (const pid of pids) {
    const ms = await processCpuMs(pid);
    if (ms !== null) backends.set(pid, ms);
  }
  return { server: await processTreeCpuMs(serverPid), backends, commits };
}

const DRAIN_LIMIT_MS = 120_000;

/** Waits (bounded) until no email is waiting to be sent; answers how many still wait. */
async function waitForEmails(databaseUrl: string, limitMs: number): Promise<number> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const waiting = await withClient(databaseUrl, async (client) => Number((await client.query<{ n: string }>(
      "select count(*) as n from outgoing_mail where status = 'queued'",
    )).rows[0]?.n ?? 0));
    if (waiting === 0 || Date.now() >= deadline) return waiting;
    await sleep(500);
  }
}

/**
 * Recreates a small database of its own (one org, one open job), serves it from a child process on
 * 127.0.0.1 with the per-address limit lifted (autocannon is one address), drives the apply endpoint,
 * and counts the applications and résumés committed against the 2xx answers.
 */
export async function measureApplying(options: { duration: number; connections: number }): Promise<ApplyBenchResult> {
  const adminUrl = new URL(pgAdminUrl);
  const dbUrl = new URL(pgAdminUrl);
  dbUrl.pathname = `/${DATABASE}`;
  const databaseUrl = dbUrl.toString();
  await withClient(adminUrl.toString(), async (client) => {
    await client.query(`drop database if exists ${DATABASE} with (force)`);
    await client.query(`create database ${DATABASE}`);
  });
  const env = { SEED_DEMO: 'false', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl };
  await runCommand('src/main.ts', ['seed', '--synthetic', '1', '--org', APPLY_SLUG], env, 180_000);
  const filesDir = await mkdtemp(path.join(tmpdir(), 'hireline-bench-files-'));
  // `serve` as `npm start` runs it (the server bundle, not tsx), its background work (emails, résumé text) in the same process.
  const server = await startServer('bin/hireline.js', ['serve'], { ...env, FILES_DIR: filesDir, APPLY_RATE_LIMIT_PER_IP: '10000000' }, { readyPath: '/health', timeoutMs: 180_000 });
  try {
    const board = await (await fetch(`${server.url}/v1/boards/${APPLY_SLUG}/jobs`)).json() as { data: { id: string }[] };
    const jobId = board.data[0]?.id;
    if (!jobId) throw new Error('the bench org has no open job');
    const target = `/v1/boards/${APPLY_SLUG}/jobs/${jobId}/applications`;
    const pdf = await smallPdf();
    const form = formBuilder(pdf);
    const counter = { n: 0 };
    const ids = new Set<string>();
    await drive(server.url, target, options.connections, WARMUP_SECONDS, form, counter, ids);
    // Two runs: as fast as the server goes (throughput), then at the target rate, where p99 is read.
    // The second is open-loop (bench/paced.ts): latencies count from when each request was due.
    const cpuBefore = await cpuNow(server.pid, databaseUrl);
    const flat = await drive(server.url, target, options.connections, options.duration, form, counter, ids);
    const cpuAfter = await cpuNow(server.pid, databaseUrl);
    const perApplication = (ms: number) => (flat['2xx'] > 0 ? (ms / flat['2xx']).toFixed(2) : '—');
    const pgMs = [...cpuAfter.backends].reduce((sum, [pid, ms]) => sum + ms - (cpuBefore.backends.get(pid) ?? ms), 0);
    // The flat-out run left thousands of emails for the worker; the paced run measures 300/s with its
    // own background work, so it starts once they are sent (the drain is reported).
    const drainStart = Date.now();
    const backlog = await waitForEmails(databaseUrl, DRAIN_LIMIT_MS);
    const drainMs = Date.now() - drainStart;
    const paced = await pacedLoad({
      url: server.url, rate: TARGET_RATE, seconds: options.duration,
      request: () => ({ method: 'POST', path: target, headers: { 'content-type': form.contentType }, body: form.body(counter.n++) }),
      onResponse: (status, body) => {
        if (status >= 200 && status < 300) ids.add((JSON.parse(body) as { applicationId: string }).applicationId);
      },
    });
    const accepted = ids.size;
    // Requests still in flight when autocannon stops may commit unanswered, so rows can outnumber 2xx, never the reverse.
    const [found, applications, resumes] = await withClient(databaseUrl, async (client) => [
      Number((await client.query<{ n: string }>('select count(*) as n from applications where id = any($1)', [[...ids]])).rows[0]?.n ?? 0),
      Number((await client.query<{ n: string }>('select count(*) as n from applications where job_id = $1', [jobId])).rows[0]?.n ?? 0),
      Number((await client.query<{ n: string }>("select count(*) as n from candidate_attachments where kind = 'resume' and application_id = any($1)", [[...ids]])).rows[0]?.n ?? 0),
    ]);
    const failuresOf = (r: CannonResult) => r.non2xx + r.errors + r.timeouts;
    const flatFailures = failuresOf(flat);
    const durable = found === accepted && resumes === accepted;
    const throughputMet = flat.requests.average >= TARGET_RATE && durable && flatFailures === 0;
    // The paced run must have kept up with the rate (within 2 %), or its latencies describe a lighter load.
    const latencyMet = paced.p99 <= 100 && paced.reqPerSec >= TARGET_RATE * 0.98 && durable && paced.failures === 0;
    return {
      rows: [
        {
          scenario: '(e) apply, multipart + PDF résumé, flat out', profile: 'postgres', cache: '—', reqPerSec: flat.requests.average,
          p50: flat.latency.p50, p99: flat.latency.p99, ratio: null, failures: flatFailures,
          target: `${throughputMet ? 'yes' : 'NO'} (≥ ${TARGET_RATE}/s, every 2xx durable)`,
        },
        {
          scenario: `(e) apply, multipart + PDF résumé, at ${TARGET_RATE}/s`, profile: 'postgres', cache: '—', reqPerSec: paced.reqPerSec,
          p50: paced.p50, p99: paced.p99, ratio: null, failures: paced.failures,
          target: `${latencyMet ? 'yes' : 'NO'} (p99 ≤ 100 ms while ${TARGET_RATE}/s arrive, every 2xx durable)`,
        },
      ],
      notes: [
        `(e) ${options.connections} connections, ${options.duration} s flat out, then ${options.duration} s at ${TARGET_RATE} applications/s sent open-loop (p99 from when each was due), after a ${WARMUP_SECONDS} s warm-up; résumé ${pdf.length} B; `
        + `the server (background work in-process) sent the flat-out run's emails in ${(drainMs / 1000).toFixed(1)} s before the paced run began${backlog > 0 ? ` (${backlog} still waiting after the ${DRAIN_LIMIT_MS / 1000} s limit)` : ''}; `
        + `${accepted} applications answered 2xx (warm-up included), ${found} of them in the database with ${resumes} résumés `
        + `(${applications} rows in all, counting requests in flight at the stop): `
        + `${durable ? 'every accepted application is durable' : 'MISMATCH: some 2xx answers have no committed row'}.`,
        `(e) CPU per application in the flat-out run (what the machine's load does not change much): the server process `
        + `${perApplication(cpuAfter.server - cpuBefore.server)} ms (every thread and any worker process), PostgreSQL backends of its database ${perApplication(pgMs)} ms; `
        + `${perApplication(cpuAfter.commits - cpuBefore.commits)} database transactions per application (background tasks' included; applications arriving together share one).`,
      ],
    };
  } finally {
    await server.stop();
    await rm(filesDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' } } });
  const { rows, notes } = await measureApplying({ duration: Number(values.duration), connections: Number(values.connections) });
  process.stdout.write(`${rows.map((row) => JSON.stringify(row)).join('\n')}\n${notes.join('\n')}\n`);
  process.exit(0);
}
