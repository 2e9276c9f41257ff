/**
 * Candidate search at 100k candidates on the PostgreSQL server: seeds database `hireline_bench_candidates`
 * straight through the candidates repository (résumé-like text from a small word generator), serves it
 * from a child process and drives `GET /v1/candidates` uncached (the route has no cache) with autocannon
 * for a few query shapes. `benchCandidates()` is for bench/run.ts; run alone: `node --import tsx bench/candidates.ts`.
 */
import { createRequire } from 'node:module';
import { pino } from 'pino';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { loadConfig } from '../src/config.ts';
import { createContainer } from '../src/container.ts';
import { runMigrations } from '../src/infra/db/migrations.ts';
import { wholeOrg } from '../src/modules/access/index.ts';
import { createApplicationsRepo } from '../src/modules/recruiting/applications/index.ts';
import { createCandidatesRepo, type ProfileWrite } from '../src/modules/recruiting/candidates/index.ts';
import { createCandidatesSearchRepo } from '../src/modules/recruiting/candidates/candidates.search.repo.ts';
import { createPipelinesRepo } from '../src/modules/recruiting/pipelines/index.ts';
import { CapturingLogger } from './explain.ts';
import { pacedLoad } from './paced.ts';
import { startServer } from './processes.ts';
import { benchDatabaseUrl, lcg, pgAdminUrl, withClient } from './seed.ts';

const DB_NAME = 'hireline_bench_candidates';
const SLUG = 'bench-candidates';
export const candidatesBenchUrl = benchDatabaseUrl(DB_NAME);

const syllables = ['ka', 'lo', 'mi', 'ren', 'to', 'sa', 'vi', 'nor', 'el', 'da', 'qu', 'ix', 'ber', 'an', 'po', 'sul', 'ty', 'gre', 'mo', 'fa'];
/** 3,000 made-up words; word i is drawn with weight 1/(i+1), so low indexes are common and high ones rare. */
const vocabulary = Array.from({ length: 3000 }, (_, i) => {
  // From 400 on, every word has two or three syllables: none is an English stop word the stemmer would drop.
  let n = i + 400;
  let word = '';
  while (n > 0) {
    word += syllables[n % syllables.length];
    n = Math.floor(n / syllables.length);
  }
  return word;
});
const harmonic = vocabulary.reduce((sum, _, i) => sum + 1 / (i + 1), 0);
function zipfWord(random: () => number): string {
  let target = random() * harmonic;
  for (let i = 0; i < vocabulary.length; i++) {
    target -= 1 / (i + 1);
    if (target <= 0) return vocabulary[i] ?? 'x';
  }
  return vocabulary.at(-1) ?? 'x';
}
export const COMMON_WORD = vocabulary[0] ?? '';
export const RARE_WORD = vocabulary[2999] ?? '';
const TAGS = ['backend', 'frontend', 'data', 'design', 'sales', 'ops', 'security', 'mobile'];
const FIRST = ['Ada', 'Bo', 'Chen', 'Dana', 'Emeka', 'Femi', 'Gita', 'Hugo', 'Ines', 'Jon', 'Kai', 'Lena', 'Mo', 'Nia', 'Omar', 'Pia'];
const LAST = ['Okafor', 'Silva', 'Novak', 'Tanaka', 'Berg', 'Haddad', 'Kowalski', 'Moreau', 'Rossi', 'Singh', 'Weber', 'Yilmaz'];

/** Recreates the database and seeds `count` candidates, 1% of them with an application to one job; returns what the queries need. */
async function seed(count: number): Promise<{ apiKey: string; jobId: string; since: string }> {
  await withClient(pgAdminUrl, async (c) => {
    await c.query(`drop database if exists ${DB_NAME} with (force)`);
    await c.query(`create database ${DB_NAME}`);
  });
  const config = loadConfig({ DATABASE_URL: candidatesBenchUrl, SEED_DEMO: 'false', LOG_LEVEL: 'warn' });
  const container = await createContainer(config, pino({ level: 'warn' }));
  try {
    await runMigrations(container.database);
    const { org, apiKey } = await container.orgs.createOrg({ name: 'Bench candidates', slug: SLUG });
    const job = await container.jobs.create(wholeOrg(org.id), { title: 'Bench job' });
    const repo = createCandidatesRepo();
    const random = lcg(42);
    const start = Date.now() - count * 1000;
    const applied: string[] = [];
    for (let i = 0; i < count; i += 2000) {
      const batch = Array.from({ length: Math.min(2000, count - i) }, (_, j): Omit<ProfileWrite, 'customFields'> & { email: string; resume: string; at: Date } => {
        const n = i + j;
        return {
          name: `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]}`, email: `person${n}@bench.example`,
          location: null, links: {}, tags: [TAGS[n % TAGS.length] ?? 'ops'], source: 'board', sourceDetail: null,
          resume: Array.from({ length: 80 }, () => zipfWord(random)).join(' '), at: new Date(start + n * 1000),
        };
      });
      const ids = await container.database.tenant(org.id, (tx) => repo.bulkInsert(tx, org.id, batch));
      applied.push(...ids.filter((_, j) => (i + j) % 100 === 0));
    }
    const applications = createApplicationsRepo();
    const pipelines = createPipelinesRepo();
    await container.database.tenant(org.id, async (tx) => {
      const [stage] = await pipelines.stagesOf(tx, org.id, job.id);
      if (!stage) throw new Error('no stage');
      for (const candidateId of applied) {
        const now = new Date();
        await applications.insert(tx, { orgId: org.id, jobId: job.id, candidateId, stageId: stage.id, source: 'board', appliedAt: now, lastActivityAt: now, updatedAt: now });
      }
    });
    await withClient(candidatesBenchUrl, (c) => c.query('vacuum analyze'));
    return { apiKey, jobId: job.id, since: new Date(start + Math.floor(count * 0.9) * 1000).toISOString() };
  } finally {
    await container.close();
  }
}

interface Shape {
  label: string;
  path: string;
}
interface Run {
  reqPerSec: number;
  p50: number;
  p99: number;
  failures: number;
}
/** Per shape: as fast as it goes (throughput), and at SEARCH_RATE offered, where the latency target is read. */
interface Figures {
  label: string;
  flat: Run;
  paced: Run;
}
/** Searches per second the p99 target is read at: a thousand recruiters each searching every ten seconds. */
export const SEARCH_RATE = 100;
type Autocannon = (options: { url: string; connections: number; duration: number; headers: Record<string, string> }) => PromiseLike<{
  requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number; timeouts: number;
}> & { stop: () => void };
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

async function drive(url: string, apiKey: string, seconds: number, connections: number): Promise<Run> {
  const instance = autocannon({ url, connections, duration: seconds, headers: { authorization: `Bearer ${apiKey}` } });
  const guard = setTimeout(() => instance.stop(), (seconds + 15) * 1000);
  const result = await instance;
  clearTimeout(guard);
  return { reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failures: result.non2xx + result.errors + result.timeouts };
}

/** EXPLAIN ANALYZE of each shape's id query, captured from the repository itself. */
async function explain(orgId: string, shapes: { label: string; filter: Parameters<ReturnType<typeof createCandidatesSearchRepo>['pageIds']>[2] }[]) {
  return withClient(candidatesBenchUrl, async (client) => {
    const logger = new CapturingLogger();
    const db = drizzlePg({ client, logger });
    const repo = createCandidatesSearchRepo();
    const out: { label: string; ms: number; plan: string[] }[] = [];
    for (const { label, filter } of shapes) {
      await repo.pageIds(db, { orgId, assignedTo: null }, filter);
      const captured = logger.last;
      if (!captured) throw new Error('no query captured');
      const plan = (await client.query<Record<string, string>>(`explain (analyze, buffers) ${captured.sql}`, captured.params)).rows.map((r) => String(Object.values(r)[0]));
      out.push({ label, ms: Number(plan.map((l) => /Execution Time: ([\d.]+)/.exec(l)?.[1]).find(Boolean) ?? Number.NaN), plan });
    }
    return out;
  });
}

export async function benchCandidates(options: { count?: number; seconds?: number; connections?: number } = {}): Promise<{ figures: Figures[]; explains: { label: string; ms: number; plan: string[] }[] }> {
  const count = options.count ?? 100_000;
  const seconds = options.seconds ?? 10;
  const connections = options.connections ?? 16;
  const started = Date.now();
  const { apiKey, jobId, since } = await seed(count);
  process.stdout.write(`candidates: seeded ${count} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  const shapes: Shape[] = [
    { label: 'rare word', path: `/v1/candidates?q=${RARE_WORD}` },
    { label: 'common word', path: `/v1/candidates?q=${COMMON_WORD}` },
    { label: 'zero-hit word', path: '/v1/candidates?q=zyzzogeton' },
    { label: 'word + tag', path: `/v1/candidates?q=${COMMON_WORD}&tag=security` },
    { label: 'jobId filter', path: `/v1/candidates?jobId=${jobId}` },
    { label: 'updatedSince page', path: `/v1/candidates?updatedSince=${encodeURIComponent(since)}&limit=100` },
  ];
  const server = await startServer('src/main.ts', ['serve'], { DATABASE_URL: candidatesBenchUrl, SEED_DEMO: 'false', LOG_LEVEL: 'warn' }, { readyPath: '/health', timeoutMs: 120_000 });
  const figures: Figures[] = [];
  try {
    // SHAPES="jobId filter,rare word" drives only those (when run alone, to profile one shape).
    const only = process.env.SHAPES?.split(',');
    for (const shape of shapes.filter((s) => !only || only.includes(s.label))) {
      await drive(server.url + shape.path, apiKey, 2, connections);
      const flat = await drive(server.url + shape.path, apiKey, seconds, connections);
      // Open-loop (bench/paced.ts): each search is sent when due and timed from then.
      const paced = await pacedLoad({
        url: server.url, rate: SEARCH_RATE, seconds,
        request: () => ({ method: 'GET', path: shape.path, headers: { authorization: `Bearer ${apiKey}` } }),
      });
      figures.push({ label: shape.label, flat, paced });
      process.stdout.write(`candidates, ${shape.label}: flat out ${Math.round(flat.reqPerSec)} req/s, p99 ${flat.p99} ms; `
        + `at ${SEARCH_RATE}/s p50 ${paced.p50} ms, p99 ${paced.p99} ms; failures ${flat.failures + paced.failures}\n`);
    }
  } finally {
    await server.stop();
  }
  const orgId = await withClient(candidatesBenchUrl, async (c) => (await c.query<{ id: string }>('select id from orgs where slug = $1', [SLUG])).rows[0]?.id ?? '');
  const settled = new Date();
  const explains = await explain(orgId, [
    { label: 'rare word', filter: { words: RARE_WORD, limit: 21 } },
    { label: 'common word', filter: { words: COMMON_WORD, limit: 21 } },
    { label: 'zero-hit word', filter: { words: 'zyzzogeton', limit: 21 } },
    { label: 'word + tag', filter: { words: COMMON_WORD, tag: 'security', limit: 21 } },
    { label: 'jobId filter', filter: { jobId, limit: 21 } },
    { label: 'updatedSince page', filter: { sync: { since, settledBefore: settled }, limit: 101 } },
  ]);
  return { figures, explains };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { explains } = await benchCandidates({ count: Number(process.env.CANDIDATES ?? 100_000), seconds: Number(process.env.SECONDS ?? 10) });
  for (const e of explains) process.stdout.write(`\n## ${e.label}: ${e.ms} ms\n${e.plan.join('\n')}\n`);
}
