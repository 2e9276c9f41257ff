/**
 * Where an uncached board search's milliseconds go: each of the bench's search paths is answered once
 * through the app (app.inject, cache off) and once phase by phase with the same calls the service makes,
 * timed with performance.now(), one request at a time.
 * `node --import tsx bench/board-breakdown.ts` with DATABASE_URL (server) or DATA_DIR (PGlite) of a seeded bench database.
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createContainer, version } from '../src/container.ts';
import { openDatabase } from '../src/infra/db/database.ts';
import { sql } from 'drizzle-orm';
import { createJobsSearchRepo, type PublishedJobFilter } from '../src/modules/jobs/board/board.search.repo.ts';
import { SLICE_OFFSETS, slicesFrom } from '../src/modules/jobs/board/board.slices.ts';
import { summarize } from '../src/modules/jobs/board/board.service.ts';
import { toJob } from '../src/modules/jobs/jobs.mapping.ts';
import { BENCH_SLUG } from './seed.ts';
import { searchPaths } from './workload.ts';

const { values: args } = parseArgs({ options: { passes: { type: 'string', default: '3' } } });
const phases = ['http total', 'in app: onRequest → preHandler (routing, query validation)', 'in app: preHandler → onSend (service, serialization, ETag)',
  'in app: onSend → onResponse (writing the reply)', 'serialize a page (JSON.stringify + sha1, a floor)', 'health (inject + routing floor)', 'select 1 (one round trip)', 'org lookup (uncached)', 'rank ids (unscoped)',
  'tenant tx alone (begin + set_config, commit)', 'tenant tx + read rows by id', 'map rows + summaries'] as const;
type Phase = (typeof phases)[number];

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', SEED_DEMO: 'false', BOARD_CACHE_TTL_MS: '0' });
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: config.dbPoolMax, statementTimeoutMs: 30_000 });
const log = pino({ level: 'silent' });
const container = await createContainer(config, log, database);
const app = await buildApp({ config, version, routes: container.routes, schemas: container.schemas, authenticate: container.authenticate, idempotency: container.idempotency, logger: log });
const repo = createJobsSearchRepo();
// Hook timestamps split the app's own time; they are taken on board requests only.
const marks = new Map<string, number>();
const isBoard = (url: string) => url.startsWith('/v1/boards/');
app.addHook('onRequest', async (request) => { if (isBoard(request.url)) marks.set('onRequest', performance.now()); });
app.addHook('preHandler', async (request) => { if (isBoard(request.url)) marks.set('preHandler', performance.now()); });
app.addHook('onSend', async (request) => { if (isBoard(request.url)) marks.set('onSend', performance.now()); });
app.addHook('onResponse', async (request) => { if (isBoard(request.url)) marks.set('onResponse', performance.now()); });
const samples = new Map<Phase, number[]>(phases.map((p) => [p, []]));
/** Each path's slowest rank, to name the query shapes that cost most. */
const rankByPath = new Map<string, number>();

async function timed<T>(phase: Phase, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  samples.get(phase)?.push(performance.now() - started);
  return result;
}

function filterOf(path: string): PublishedJobFilter {
  const p = new URL(path, 'http://x').searchParams;
  const text = (name: string) => p.get(name) ?? undefined;
  const number = (name: string) => (p.has(name) ? Number(p.get(name)) : undefined);
  return {
    q: text('q'), location: text('location'), workplace: text('workplace'), employmentType: text('employmentType'), skill: text('skill'),
    department: text('department'), salaryMinAnnual: number('salaryMin'), salaryCurrency: text('salaryCurrency'),
    postedWithinDays: number('postedWithinDays'), limit: 21,
  };
}

const org = await container.orgs.findBySlug(BENCH_SLUG);
if (!org) throw new Error(`org ${BENCH_SLUG} not found: seed the bench database first`);
const paths = searchPaths(BENCH_SLUG);
const slices = slicesFrom(await repo.sliceStarts(org.id, SLICE_OFFSETS, database.unscoped));
for (let pass = 0; pass < Number(args.passes); pass++) {
  for (const path of paths) {
    const response = await timed('http total', () => app.inject({ method: 'GET', url: path }));
    const mark = (name: string) => marks.get(name) ?? 0;
    samples.get('in app: onRequest → preHandler (routing, query validation)')?.push(mark('preHandler') - mark('onRequest'));
    samples.get('in app: preHandler → onSend (service, serialization, ETag)')?.push(mark('onSend') - mark('preHandler'));
    samples.get('in app: onSend → onResponse (writing the reply)')?.push(mark('onResponse') - mark('onSend'));
    const page = response.json<unknown>();
    await timed('serialize a page (JSON.stringify + sha1, a floor)', async () => createHash('sha1').update(JSON.stringify(page)).digest('base64url'));
    await timed('health (inject + routing floor)', () => app.inject({ method: 'GET', url: '/health' }));
    await timed('select 1 (one round trip)', () => database.unscoped.execute(sql`select 1`));
    await timed('org lookup (uncached)', () => container.orgs.findBySlug(BENCH_SLUG));
    const now = new Date();
    const rankStarted = performance.now();
    const hits = await timed('rank ids (unscoped)', () => repo.rankPublished(org.id, filterOf(path), now, database.unscoped, slices));
    rankByPath.set(path, Math.max(rankByPath.get(path) ?? 0, performance.now() - rankStarted));
    await timed('tenant tx alone (begin + set_config, commit)', () => database.tenant(org.id, async () => undefined));
    const ids = hits.slice(0, 20).map((h) => h.id);
    const rows = await timed('tenant tx + read rows by id', () => database.tenant(org.id, (tx) => repo.publishedByIds(org.id, ids, now, tx)));
    await timed('map rows + summaries', async () => rows.map(toJob).map((job) => summarize(job.description)));
  }
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
process.stdout.write(`${database.kind}, ${paths.length} paths × ${args.passes} passes, one at a time; load average ${loadavg().map((n) => n.toFixed(2)).join(', ')}\n\n`);
process.stdout.write('| phase | mean ms | p50 ms | p99 ms |\n|---|--:|--:|--:|\n');
for (const phase of phases) {
  const values = samples.get(phase) ?? [];
  process.stdout.write(`| ${phase} | ${mean(values).toFixed(2)} | ${quantile(values, 0.5).toFixed(2)} | ${quantile(values, 0.99).toFixed(2)} |\n`);
}
process.stdout.write('\nSlowest rank queries (ms, worst of the passes):\n');
for (const [path, ms] of [...rankByPath].sort((a, b) => b[1] - a[1]).slice(0, 8)) process.stdout.write(`- ${ms.toFixed(1)} \`${decodeURIComponent(path.replace(/^.*\?/, ''))}\`\n`);
await app.close();
await database.close();
process.exit(0);
