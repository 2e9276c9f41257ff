/**
 * Where an uncached board request's time goes, part by part, on the seeded bench database:
 *   node --import tsx bench/breakdown.ts            (the server profile: BENCH_PG_DATABASE or hireline_bench)
 *   node --import tsx bench/breakdown.ts --pglite   (the PGlite bench directory)
 * Each part runs alone, one call at a time (see timeParts); the table gives the median per call in µs.
 * "Statements" counts every query a pg client sends (BEGIN and COMMIT included) for one request.
 */
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createContainer, version } from '../src/container.ts';
import { createLogger } from '../src/infra/telemetry/logger.ts';
import { descriptionHtml, jobPostingJsonLd } from '../src/modules/jobs/board/board.jsonld.ts';
import { createPublishedJobsService } from '../src/modules/jobs/board/board.published.service.ts';
import { createSearchFacetsRepo } from '../src/modules/jobs/board/board.search.facets.ts';
import { createJobsSearchRepo } from '../src/modules/jobs/board/board.search.repo.ts';
import { createSearchWordsRepo } from '../src/modules/jobs/board/board.search.words.ts';
import { SLICE_OFFSETS, slicesFrom } from '../src/modules/jobs/board/board.slices.ts';
import { BENCH_SLUG, pgBenchUrl } from './seed.ts';
import { searchPaths } from './workload.ts';

const { values: args } = parseArgs({ options: { pglite: { type: 'boolean', default: false }, rounds: { type: 'string', default: '400' } } });
const ROUNDS = Number(args.rounds);

// Counts what the pool's clients send; the pglite profile has no pg client, so it reports none there.
let statements = 0;
const send = pg.Client.prototype.query;
pg.Client.prototype.query = function counted(this: pg.Client, ...rest: unknown[]) {
  statements++;
  return (send as (...a: unknown[]) => unknown).apply(this, rest);
} as typeof send;

const env = {
  ...process.env, SEED_DEMO: 'false', LOG_LEVEL: 'warn', BOARD_CACHE_TTL_MS: '0',
  ...(args.pglite ? { DATA_DIR: join(tmpdir(), 'hireline-bench', 'pglite'), DATABASE_URL: '' } : { DATABASE_URL: pgBenchUrl }),
};
const config = loadConfig(env);
const log = createLogger('warn', false);
const container = await createContainer(config, log);
const app = await buildApp({ config, version, routes: container.routes, schemas: container.schemas, authenticate: container.authenticate, idempotency: container.idempotency, logger: log });
const { database } = container;
const org = await container.orgs.findBySlug(BENCH_SLUG);
if (!org) throw new Error(`no org "${BENCH_SLUG}": run npm run bench once to seed it`);
const repo = createJobsSearchRepo();
const slices = slicesFrom(await repo.sliceStarts(org.id, SLICE_OFFSETS, database.unscoped));
const ids = (await repo.rankPublished(org.id, { limit: 100 }, new Date(), database.unscoped, slices)).map((r) => r.id);
const searches = searchPaths(BENCH_SLUG);

/** A part of a request, timed alone. */
type Part = [name: string, fn: (i: number) => unknown];

/**
 * Per part: the median µs per call, and the mean CPU µs this process spent per call (the database's own
 * work is not in it; on a loaded machine it is the steadier figure). Rounds interleave the parts (one call
 * of each per round), so load from elsewhere falls on all of them alike; the first tenth is warm-up.
 */
async function timeParts(parts: readonly Part[]): Promise<{ name: string; median: number; cpu: number }[]> {
  const samples = parts.map((): number[] => []);
  const cpu = parts.map(() => 0);
  for (let round = 0; round < ROUNDS * 1.1; round++) {
    for (const [k, [, fn]] of parts.entries()) {
      const cpuBefore = process.cpuUsage();
      const started = process.hrtime.bigint();
      await fn(round);
      if (round < ROUNDS * 0.1) continue;
      samples[k]?.push(Number(process.hrtime.bigint() - started) / 1000);
      const used = process.cpuUsage(cpuBefore);
      cpu[k] = (cpu[k] ?? 0) + used.user + used.system;
    }
  }
  return parts.map(([name], k) => {
    const sorted = (samples[k] ?? []).sort((a, b) => a - b);
    return { name, median: sorted[Math.floor(sorted.length / 2)] ?? 0, cpu: (cpu[k] ?? 0) / sorted.length };
  });
}
async function countStatements(fn: () => Promise<unknown>): Promise<number> {
  const before = statements;
  await fn();
  return statements - before;
}

const jobId = (i: number) => ids[i % ids.length] ?? '';
const detail = (i: number) => app.inject({ method: 'GET', url: `/v1/boards/${BENCH_SLUG}/jobs/${jobId(i)}` });
const published = createPublishedJobsService({ database, repo, words: createSearchWordsRepo(), facets: createSearchFacetsRepo() });
const sample = (await published.get(org.id, jobId(0)))!;
const body = (await detail(0)).body;

const queries = searches.map((path) => Object.fromEntries(new URL(path, 'http://x').searchParams));
const rank = (i: number) => {
  const { q, location, workplace, employmentType, skill, department, postedWithinDays } = queries[i % queries.length] ?? {};
  return repo.rankPublished(org.id, { q, location, workplace, employmentType, skill, department, postedWithinDays: postedWithinDays ? Number(postedWithinDays) : undefined, limit: 21 }, new Date(), database.unscoped, slices);
};
const rows = await timeParts([
  ['job detail: whole request (app.inject, cache off)', detail],
  ['  tenant transaction, empty (BEGIN + set_config, COMMIT): what the page no longer pays', () => database.tenant(org.id, async () => undefined)],
  ['  job by primary key (one prepared statement)', (i) => published.get(org.id, jobId(i))],
  ['  application form: questions + equal-opportunity (one prepared statement)', (i) => container.recruiting.applicationForm(org.id, jobId(i))],
  ['  both at once, as the page reads them', (i) => Promise.all([published.get(org.id, jobId(i)), container.recruiting.applicationForm(org.id, jobId(i))])],
  ['  org by slug (the board keeps it 60 s)', () => container.orgs.findBySlug(BENCH_SLUG)],
  ['  JSON-LD (jobPostingJsonLd)', () => jobPostingJsonLd(sample, org, 'https://x/y')],
  ['    of which Markdown → HTML (marked)', () => descriptionHtml(sample.description)],
  ['  JSON.stringify of the answer', () => JSON.stringify(JSON.parse(body))],
  ['  SHA-1 ETag of the bytes', () => createHash('sha1').update(body).digest('base64url')],
  ['  app.inject of an unknown id (Fastify, hooks, the reads, a 404 problem)', (i) => app.inject({ method: 'GET', url: `/v1/boards/${BENCH_SLUG}/jobs/job_none_${i}` })],
  ['search: whole request (app.inject, cache off, the bench\'s 200 queries)', (i) => app.inject({ method: 'GET', url: searches[i % searches.length] ?? '' })],
  ['  rank (rankPublished, unscoped)', rank],
  ['  read 20 rows by id (publishedByIds, tenant transaction)', (i) => database.tenant(org.id, (tx) => repo.publishedByIds(org.id, ids.slice(i % 80, (i % 80) + 20), new Date(), tx))],
]);
const detailStatements = await countStatements(() => detail(1));
const searchStatements = await countStatements(() => app.inject({ method: 'GET', url: searches[1] ?? '' }));

process.stdout.write(`Cache off, ${args.pglite ? 'PGlite' : 'PostgreSQL'}, median of ${ROUNDS} calls per part, ${body.length} B job body\n\n| part | median µs | CPU µs (this process) |\n|---|--:|--:|\n`);
const us = (n: number) => Math.round(n).toLocaleString('en');
for (const { name, median, cpu } of rows) process.stdout.write(`| ${name.replace(/^ +/, (s) => '&nbsp;'.repeat(s.length))} | ${us(median)} | ${us(cpu)} |\n`);
if (!args.pglite) process.stdout.write(`\nStatements sent per request: job detail ${detailStatements}, search ${searchStatements}\n`);
await app.close();
await container.close();
