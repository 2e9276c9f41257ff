/**
 * `npm run bench`: seeds 100k published jobs into PGlite and PostgreSQL, serves each profile from a
 * child process, drives it with autocannon from this process, and writes bench/RESULTS.md.
 * Options: --only=pglite|postgres, --duration=<s> per scenario (default 10), --connections=<n> (32), --jobs=<n> (100000),
 * --scenarios=board,careers,parse,apply,candidates,reports,events,queue,loop,startup (default all; apply, candidates, reports and events run on the PostgreSQL server only, loop and startup on PGlite only),
 * --events=<n> committed per events run (20000),
 * --redis=<url> (or BENCH_REDIS_URL): board scenarios also run with the shared Redis cache (cache "redis").
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { explainPglite, explainPostgres, type ExplainResult } from './explain.ts';
import { drive, type LoadResult } from './load.ts';
import { measureApplying } from './apply.ts';
import { measureEvents } from './events.ts';
import { benchCandidates, SEARCH_RATE } from './candidates.ts';
import { benchCareersProfiles } from './careers.ts';
import { benchPgliteLoop } from './pglite-loop.ts';
import { benchReports } from './reports.ts';
import { measureParsing } from './parse.ts';
import { measureQueue } from './queue.ts';
import { startServer, type ServerChild } from './processes.ts';
import { measureStartup } from './startup.ts';
import { table, writeReport, type Row } from './report.ts';
import { BENCH_SLUG, ensurePgliteSeeded, ensurePostgresSeeded, pgBenchUrl } from './seed.ts';
import { checkPaths, collectJobIds, searchPaths, typedSearchPaths, type PathsCheck } from './workload.ts';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    jobs: { type: 'string', default: '100000' },
    scenarios: { type: 'string', default: 'board,careers,parse,apply,candidates,reports,events,queue,loop,startup' },
    events: { type: 'string', default: '20000' },
    redis: { type: 'string', default: process.env.BENCH_REDIS_URL ?? '' },
  },
});
const scenarios = new Set(args.scenarios.split(','));
const duration = Number(args.duration);
const connections = Number(args.connections);
const jobCount = Number(args.jobs);
if (args.only !== undefined && args.only !== 'pglite' && args.only !== 'postgres') throw new Error('--only must be pglite or postgres');
const profiles = args.only ? [args.only] : ['pglite', 'postgres'];
const WARMUP_SECONDS = 2;

const rows: Row[] = [];
const notes: string[] = [];
const explains: { profile: string; results: ExplainResult[] }[] = [];
/** Bare-Fastify results keyed by body size, so each scenario is compared with a body of its own size. */
const baselines = new Map<number, LoadResult>();
const search = searchPaths(BENCH_SLUG);
const typedSearch = typedSearchPaths(BENCH_SLUG);

function print(message: string): void {
  process.stdout.write(`${message}\n`);
}

/**
 * Waits until the server answers a database-backed request (a 404 for an unknown id, unique each
 * time so no cache answers it) within a second: a slow profile still works off queued requests
 * after autocannon stops, and that backlog must not count against the next measurement.
 */
async function drain(url: string): Promise<boolean> {
  const deadline = Date.now() + 90_000;
  for (let n = 0; Date.now() < deadline; n++) {
    const started = Date.now();
    const answered = await fetch(`${url}/v1/boards/${BENCH_SLUG}/jobs/job_drain_${Date.now()}_${n}`, { signal: AbortSignal.timeout(30_000) })
      .then(async (r) => { await r.arrayBuffer(); return true; }, () => false);
    if (answered && Date.now() - started < 1000) return true;
  }
  return false;
}

/** Short unmeasured run first: JIT, connection pools and buffers warm up before the figures count. */
async function measure(url: string, paths: readonly string[]): Promise<LoadResult> {
  await drive(url, paths, connections, WARMUP_SECONDS);
  if (!(await drain(url))) notes.push(`${url}: still busy 90 s after the warm-up; the measured run started with a backlog`);
  return drive(url, paths, connections, duration);
}

async function measureBaselines(sizes: readonly number[]): Promise<void> {
  for (const bytes of sizes) {
    if (baselines.has(bytes)) continue;
    const server = await startServer('bench/baseline-server.ts', [], { BODY_BYTES: String(bytes) }, { readyPath: '/health', timeoutMs: 30_000 });
    try {
      const result = await measure(server.url, ['/']);
      baselines.set(bytes, result);
      rows.push({ scenario: `(a) bare Fastify, ${bytes} B JSON`, profile: '—', cache: '—', ...result, ratio: null, target: 'ceiling', failures: result.failures });
      print(`(a) ${bytes} B: ${Math.round(result.reqPerSec)} req/s, p99 ${result.p99} ms`);
    } finally {
      await server.stop();
    }
  }
}

/** The issue's targets for board search: cached, uncached on the server, uncached on PGlite. */
function searchTarget(profile: string, cache: string, result: LoadResult, ratio: number): { met: boolean; text: string } {
  if (cache === 'off' && profile === 'pglite') return { met: result.p99 <= 150 && result.failures === 0, text: 'p99 ≤ 150 ms, 0 failures' };
  if (cache === 'off') return { met: result.p99 <= 30 && ratio >= 0.15, text: 'p99 ≤ 30 ms, ≥ 0.15×' };
  return { met: result.p99 <= 30 && ratio >= 0.3, text: 'p99 ≤ 30 ms, ≥ 0.3×' };
}

/** The issue's targets for the job page: uncached on the server and on PGlite; cached as before. */
function detailTarget(profile: string, cache: string, result: LoadResult, ratio: number): { met: boolean; text: string } {
  if (cache === 'off' && profile === 'pglite') return { met: ratio >= 0.15, text: '≥ 0.15×' };
  if (cache === 'off') return { met: result.p99 <= 15 && ratio >= 0.3, text: 'p99 ≤ 15 ms, ≥ 0.3×' };
  return { met: ratio >= 0.5, text: '≥ 0.5×' };
}

function scenarioRow(scenario: string, profile: string, cache: string, result: LoadResult, baselineBytes: number): Row {
  const baseline = baselines.get(baselineBytes);
  const ratio = baseline ? result.reqPerSec / baseline.reqPerSec : null;
  const { met, text } = scenario.startsWith('(b')
    ? searchTarget(profile, cache, result, ratio ?? 0)
    : detailTarget(profile, cache, result, ratio ?? 0);
  return { scenario, profile, cache, ...result, ratio, target: `${met ? 'yes' : 'NO'} (${text})`, failures: result.failures };
}

function describeCheck(profile: string, kind: string, check: PathsCheck, count: number): void {
  notes.push(`${profile}, ${kind}: ${check.checked} of ${count} paths checked sequentially, mean body ${check.averageBytes} B, ${check.empty} empty pages, `
    + `${check.failed} failed${check.firstError ? ` (first: ${check.firstError})` : ''}; slowest in a sequential pass ${check.slowest.ms} ms: \`${check.slowest.path}\``);
}

function startApp(env: Record<string, string>): Promise<ServerChild> {
  return startServer('src/main.ts', ['serve'], env, { readyPath: '/health', timeoutMs: 180_000 });
}

/** Ids for (c), a sequential check of both workloads and, on the first profile, the size-matched baselines. */
async function prepare(profile: string, env: Record<string, string>): Promise<{ detail: string[]; searchBytes: number; detailBytes: number }> {
  const server = await startApp(env);
  let detail: string[];
  let searchCheck: PathsCheck;
  let typedCheck: PathsCheck;
  let detailCheck: PathsCheck;
  try {
    detail = (await collectJobIds(server.url, BENCH_SLUG, 100)).map((id) => `/v1/boards/${BENCH_SLUG}/jobs/${id}`);
    searchCheck = await checkPaths(server.url, search);
    typedCheck = await checkPaths(server.url, typedSearch);
    detailCheck = await checkPaths(server.url, detail);
  } finally {
    await server.stop();
  }
  describeCheck(profile, 'search', searchCheck, search.length);
  describeCheck(profile, 'search as typed', typedCheck, typedSearch.length);
  describeCheck(profile, 'detail', detailCheck, detail.length);
  // Sized to what the app actually sends, so the ratio compares routes, not payload sizes.
  const searchBytes = Math.round(searchCheck.averageBytes / 256) * 256 || 1024;
  const detailBytes = Math.round(detailCheck.averageBytes / 256) * 256 || 1024;
  if (baselines.size === 0) await measureBaselines([1024, searchBytes, detailBytes]);
  return { detail, searchBytes: nearestBaseline(searchBytes), detailBytes: nearestBaseline(detailBytes) };
}

async function runProfile(profile: string): Promise<void> {
  const env: Record<string, string> = { SEED_DEMO: 'false', LOG_LEVEL: 'warn' };
  if (profile === 'pglite') env.DATA_DIR = await ensurePgliteSeeded(jobCount);
  else env.DATABASE_URL = await ensurePostgresSeeded(jobCount);
  const { detail, searchBytes, detailBytes } = await prepare(profile, env);
  const scenarios = [
    { name: '(b) board search', paths: search, bytes: searchBytes },
    { name: '(b2) board search as typed (prefix, typo, facets)', paths: typedSearch, bytes: searchBytes },
    { name: '(c) job detail + JSON-LD', paths: detail, bytes: detailBytes },
  ];
  // "redis": the board cache shared through Redis (one GET for the org's generation per request, the
  // page from Redis on a local miss), in front of the same short in-process layer as "on".
  for (const cache of ['on', 'off', ...(args.redis ? ['redis'] : [])]) {
    for (const { name, paths, bytes } of scenarios) {
      // A fresh server per scenario: a backlog or a warm cache from one scenario must not leak into the next.
      let server: ServerChild | null = null;
      try {
        const startedAt = Date.now();
        const cacheEnv: Record<string, string> = cache === 'off' ? { BOARD_CACHE_TTL_MS: '0' }
          : cache === 'redis' ? { REDIS_URL: args.redis, REDIS_KEY_PREFIX: `bench-${Date.now()}:` } : {};
        server = await startApp({ ...env, ...cacheEnv });
        print(`\n${name}, ${profile}, cache ${cache}: server ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
        const result = await measure(server.url, paths);
        rows.push(scenarioRow(name, profile, cache, result, bytes));
        print(`${Math.round(result.reqPerSec)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, failures ${result.failures}`);
      } catch (err) {
        notes.push(`${name}, ${profile}, cache ${cache}: run failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
        print(`failed: ${String(err)}`);
      } finally {
        await server?.stop();
      }
    }
  }
  try {
    explains.push({ profile, results: profile === 'pglite' ? await explainPglite(env.DATA_DIR ?? '') : await explainPostgres(pgBenchUrl) });
  } catch (err) {
    notes.push(`${profile}: EXPLAIN failed: ${String(err)}`);
  }
}

/** Baselines are measured once, on the first profile's sizes; later profiles use the closest size. */
function nearestBaseline(bytes: number): number {
  let best = 1024;
  for (const size of baselines.keys()) if (Math.abs(size - bytes) < Math.abs(best - bytes)) best = size;
  return best;
}

async function postgresVersion(): Promise<string | null> {
  if (!profiles.includes('postgres')) return null;
  const client = new pg.Client({ connectionString: pgBenchUrl });
  await client.connect();
  try {
    return (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v ?? null;
  } finally {
    await client.end();
  }
}

const started = Date.now();
const loadBefore = loadavg().map((n) => n.toFixed(2)).join(', ');
if (scenarios.has('board')) for (const profile of profiles) await runProfile(profile);
if (scenarios.has('careers')) {
  const careers = await benchCareersProfiles(profiles, { jobCount, measure, print });
  rows.push(...careers.rows);
  notes.push(...careers.notes);
}

if (scenarios.has('parse')) {
  print('\n(d) JD parsing');
  try {
    const parse = measureParsing(Math.min(duration, 10));
    rows.push({
      scenario: '(d) JD parsing (docs/s, in-process)', profile: '—', cache: '—', reqPerSec: parse.docsPerSec, p50: parse.p50, p99: parse.p99,
      ratio: null, target: `${parse.docsPerSec >= 300 ? 'yes' : 'NO'} (≥ 300 docs/s)`, failures: 0,
    });
    notes.push(`(d) parsed ${parse.documents} documents round-robin from ${parse.corpus}; p50/p99 are per document.`);
  } catch (err) {
    notes.push(`(d) parsing failed: ${String(err)}`);
  }
}

if (scenarios.has('apply') && profiles.includes('postgres')) {
  print('\n(e) applying');
  try {
    const applying = await measureApplying({ duration, connections });
    rows.push(...applying.rows);
    notes.push(...applying.notes);
    for (const row of applying.rows) print(`${row.scenario}: ${Math.round(row.reqPerSec)} applications/s, p99 ${row.p99} ms`);
  } catch (err) {
    notes.push(`(e) applying failed: ${String(err)}`);
  }
}

if (scenarios.has('candidates') && profiles.includes('postgres')) {
  print('\n(f) candidate search');
  try {
    const { figures } = await benchCandidates({ seconds: duration, connections: 16 });
    for (const { label, flat, paced } of figures) {
      const met = paced.p99 <= 50 && paced.reqPerSec >= SEARCH_RATE * 0.98 && paced.failures === 0;
      rows.push({
        scenario: `(f) candidate search, ${label}, at ${SEARCH_RATE}/s`, profile: 'postgres', cache: 'off', reqPerSec: paced.reqPerSec, p50: paced.p50, p99: paced.p99,
        ratio: null, target: `${met ? 'yes' : 'NO'} (p99 ≤ 50 ms at ${SEARCH_RATE}/s; flat out ${Math.round(flat.reqPerSec)}/s, p99 ${flat.p99} ms)`, failures: paced.failures + flat.failures,
      });
    }
    notes.push(`(f) 100,000 candidates (résumé-like text from a fixed vocabulary, 1,000 applicants on one job), 16 connections, through the API with an API key; no cache exists for this route. Each shape runs flat out, then at ${SEARCH_RATE} searches/s sent open-loop (bench/paced.ts: each timed from when it was due), where p99 is read.`);
  } catch (err) {
    notes.push(`(f) candidate search failed: ${String(err)}`);
  }
}

if (scenarios.has('reports') && profiles.includes('postgres')) {
  print('\n(g) hiring reports');
  try {
    const { timings, applications, history } = await benchReports();
    for (const t of timings) {
      rows.push({
        scenario: `(g) report: ${t.label}`, profile: 'postgres', cache: 'off', reqPerSec: t.p50 > 0 ? 1000 / t.p50 : 0, p50: t.p50, p99: t.p99,
        ratio: null, target: `${t.p99 < 1000 ? 'yes' : 'NO'} (under 1 s)`, failures: 0,
      });
    }
    notes.push(`(g) ${applications.toLocaleString('en')} applications over 6 jobs with ${history.toLocaleString('en')} history entries; one request at a time through the API, 30 runs after 2 warm-ups; req/s is 1 / p50.`);
  } catch (err) {
    notes.push(`(g) reports failed: ${String(err)}`);
  }
}

if (scenarios.has('events') && profiles.includes('postgres')) {
  print('\n(h) events to RabbitMQ and webhooks');
  try {
    const events = await measureEvents({ duration, events: Number(args.events) });
    rows.push(...events.rows);
    notes.push(...events.notes);
    for (const row of events.rows) print(`${row.scenario}: ${Math.round(row.reqPerSec)} events/s, p99 ${row.p99} ms`);
  } catch (err) {
    notes.push(`(h) events failed: ${String(err)}`);
  }
}

if (scenarios.has('queue')) {
  print('\n(i) durable task queue');
  for (const profile of profiles as ('pglite' | 'postgres')[]) {
    try {
      const queue = await measureQueue(profile);
      rows.push({
        scenario: '(i) task queue (tasks/s through the worker)', profile, cache: '—', reqPerSec: queue.tasksPerSec, p50: queue.p50, p99: queue.p99,
        ratio: null, target: `— (enqueue ${Math.round(queue.enqueuedPerSec)}/s)`, failures: 0,
      });
      print(`(i) ${profile}: ${Math.round(queue.tasksPerSec)} tasks/s through the worker, enqueue ${Math.round(queue.enqueuedPerSec)}/s`);
    } catch (err) {
      notes.push(`(i) task queue, ${profile}: failed: ${String(err)}`);
    }
  }
  notes.push('(i) in process: 2,000 no-op tasks enqueued each in its own tenant transaction by 8 producers (enqueue/s), then worked off by one process '
    + '(4 pg-boss workers, up to 20 tasks per fetch): tasks/s. p50/p99: commit to handler start for 200 tasks sent one at a time to idle workers '
    + '(a task enqueued inside a transaction wakes one worker of its process 100 ms later; other processes find it at their next poll, TASK_QUEUE_POLL_INTERVAL_MS, here 500 ms).');
}

if (scenarios.has('loop') && profiles.includes('pglite')) {
  print('\n(k) health checks beside slow PGlite queries');
  try {
    const loop = await benchPgliteLoop({ jobCount, seconds: duration, print });
    rows.push(...loop.rows);
    notes.push(...loop.notes);
  } catch (err) {
    notes.push(`(k) failed: ${String(err)}`);
  }
}

if (scenarios.has('startup') && profiles.includes('pglite')) {
  print('\n(l) start-up of the embedded profile');
  try {
    const startup = await measureStartup(print);
    rows.push(...startup.rows);
    notes.push(...startup.notes);
  } catch (err) {
    notes.push(`(l) start-up failed: ${String(err)}`);
  }
}

notes.unshift(
  `Ratios compare with the bare-Fastify baseline whose body is closest in size to the scenario's mean response (sizes in the (a) rows); `
  + 'the 1 KB row matches the figure in GUIDE.md.',
  `(b) rotates over ${search.length} distinct searches (common, rare and zero-hit words, phrases, and 0–3 filters each) with one counter `
  + `shared by all connections; (b2) over ${typedSearch.length} more, as people type (prefixes, typos, common words asking for facets with \`facets=true\`; `
  + '0–2 filters each): a list of its own, so (b) compares with earlier runs; (c) rotates over 100 job ids taken from the first board pages.',
  'Cache "on" is the default BOARD_CACHE_TTL_MS (5 s); "off" sets it to 0, so every request goes to the database.',
  'Server and load generator share the same cores: the server is a child process, autocannon runs in the bench process.',
  `Load average (1, 5, 15 min) at start: ${loadBefore}; at end: ${loadavg().map((n) => n.toFixed(2)).join(', ')}. `
  + 'Other work on the machine lowers every figure, the baseline included; compare ratios across runs, not absolute req/s.',
);
writeReport({
  rows, notes, explains, postgresVersion: await postgresVersion().catch(() => null),
  settings: `${jobCount.toLocaleString('en-US')} published jobs in org "${BENCH_SLUG}"; ${connections} connections; ${duration} s per scenario after a ${WARMUP_SECONDS} s warm-up; total wall time ${Math.round((Date.now() - started) / 1000)} s`,
});
print(`\n${table(rows)}\n\nWritten to bench/RESULTS.md`);
process.exit(0);
