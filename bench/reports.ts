/**
 * Hiring reports at 100k applications on the PostgreSQL server: seeds database `hireline_bench_reports`
 * (created here, dropped at the end unless KEEP=1) with applications to a few jobs and a history each
 * (moves, back-steps, rejections, withdrawals, hires) in multi-row inserts, serves it from a child
 * process and times each report through the API, one request at a time (p50/p99 over RUNS), then
 * EXPLAIN ANALYZEs each report's statement as the repository sends it.
 * `benchReports()` is for bench/run.ts; run alone: `node --import tsx bench/reports.ts`
 * (APPLICATIONS=100000 RUNS=30 KEEP=1 INDEX="create index ..." to time with an extra index, bench database only).
 */
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { createContainer } from '../src/container.ts';
import { newId } from '../src/infra/db/ids.ts';
import { runMigrations } from '../src/infra/db/migrations.ts';
import { wholeOrg } from '../src/modules/access/index.ts';
import { createPipelinesRepo, type StageRow } from '../src/modules/recruiting/pipelines/index.ts';
import { createReportsRepo } from '../src/modules/recruiting/reports/reports.repo.ts';
import { CapturingLogger } from './explain.ts';
import { startServer } from './processes.ts';
import { benchDatabaseUrl, lcg, pgAdminUrl, withClient } from './seed.ts';

const DB_NAME = 'hireline_bench_reports';
const SLUG = 'bench-reports';
const BATCH = 5000;
/** The seed gives up rather than hold the shared machine: 100k applications take well under this. */
const SEED_LIMIT_MS = 10 * 60_000;
const REQUEST_TIMEOUT_MS = 30_000;
const DAY = 86_400_000;
const reportsBenchUrl = benchDatabaseUrl(DB_NAME);


const JOBS = [
  { title: 'Backend Engineer', department: 'Engineering' }, { title: 'Frontend Engineer', department: 'Engineering' },
  { title: 'Data Engineer', department: 'engineering' }, { title: 'Account Executive', department: 'Sales' },
  { title: 'Product Designer', department: 'Design' }, { title: 'Office Manager', department: null },
];
/** Sources with their weights, board first. */
const SOURCES: [string, number][] = [['board', 0.5], ['referral', 0.15], ['sourced', 0.15], ['agency', 0.1], ['manual', 0.1]];
/** Per stage kind: the chance to move on, be rejected, withdraw, step back; what is left stays there. */
const FATE: Record<string, { on: number; reject: number; withdraw: number; back: number }> = {
  applied: { on: 0.45, reject: 0.4, withdraw: 0.02, back: 0 },
  screen: { on: 0.5, reject: 0.35, withdraw: 0.03, back: 0.05 },
  interview: { on: 0.4, reject: 0.45, withdraw: 0.05, back: 0.03 },
  offer: { on: 0.7, reject: 0.15, withdraw: 0.1, back: 0 },
};

interface Seeded { apiKey: string; orgId: string; jobIds: string[]; applications: number; history: number }
type Entry = [action: string, from: string | null, to: string, at: Date];

/** One application's life through the job's stages, from applying until it ends or is still waiting. */
function lifeOf(random: () => number, stages: readonly StageRow[], appliedAt: Date, now: number) {
  const entries: Entry[] = [['created', null, stages[0]?.id ?? '', appliedAt]];
  let at = appliedAt.getTime();
  let index = 0;
  let status = 'active';
  for (let step = 0; step < 12 && status === 'active'; step++) {
    const stage = stages[index];
    const fate = stage ? FATE[stage.kind] : undefined;
    if (!stage || !fate) break;
    const next = at + (0.5 + random() * random() * 14) * DAY;
    if (next > now) break;
    at = next;
    const roll = random();
    if (roll < fate.on) {
      index += 1;
      const to = stages[index];
      if (!to) break;
      entries.push([to.kind === 'hired' ? 'hired' : 'moved', stage.id, to.id, new Date(at)]);
      if (to.kind === 'hired') status = 'hired';
    } else if (roll < fate.on + fate.reject) {
      entries.push(['rejected', stage.id, stage.id, new Date(at)]);
      status = 'rejected';
    } else if (roll < fate.on + fate.reject + fate.withdraw) {
      entries.push(['withdrawn', stage.id, stage.id, new Date(at)]);
      status = 'withdrawn';
    } else if (roll < fate.on + fate.reject + fate.withdraw + fate.back && index > 0) {
      index -= 1;
      entries.push(['moved', stage.id, stages[index]?.id ?? stage.id, new Date(at)]);
    } else {
      break;
    }
  }
  return { entries, status, stageId: entries.at(-1)?.[2] ?? '', lastAt: new Date(at) };
}

function pickSource(roll: number): string {
  let left = roll;
  for (const [source, weight] of SOURCES) {
    left -= weight;
    if (left <= 0) return source;
  }
  return 'board';
}

/** One batch: candidates, their applications and every history entry, three multi-row statements (unnest of arrays). */
async function insertBatch(client: pg.Client, orgId: string, rows: { candidateId: string; name: string; jobId: string; source: string; life: ReturnType<typeof lifeOf>; appliedAt: Date }[]): Promise<number> {
  await client.query(
    `insert into candidates (id, org_id, name, name_key, source, created_at, updated_at)
     select id, $1, name, lower(name), source, at, at from unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[]) as t(id, name, source, at)`,
    [orgId, rows.map((r) => r.candidateId), rows.map((r) => r.name), rows.map((r) => r.source), rows.map((r) => r.appliedAt)],
  );
  const ids = rows.map(() => newId('app'));
  await client.query(
    `insert into applications (id, org_id, job_id, candidate_id, stage_id, status, source, applied_at, last_activity_at, updated_at)
     select id, $1, job_id, candidate_id, stage_id, status, source, applied_at, last_at, last_at
     from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[])
       as t(id, job_id, candidate_id, stage_id, status, source, applied_at, last_at)`,
    [orgId, ids, rows.map((r) => r.jobId), rows.map((r) => r.candidateId), rows.map((r) => r.life.stageId), rows.map((r) => r.life.status),
      rows.map((r) => r.source), rows.map((r) => r.appliedAt), rows.map((r) => r.life.lastAt)],
  );
  const history = rows.flatMap((r, i) => r.life.entries.map(([action, from, to, at]) => ({ applicationId: ids[i] ?? '', action, from, to, at })));
  await client.query(
    `insert into application_history (id, org_id, application_id, action, actor_type, from_stage_id, to_stage_id, at)
     select id, $1, application_id, action, 'system', from_stage_id, to_stage_id, at
     from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[]) as t(id, application_id, action, from_stage_id, to_stage_id, at)`,
    [orgId, history.map(() => newId('ahe')), history.map((h) => h.applicationId), history.map((h) => h.action), history.map((h) => h.from), history.map((h) => h.to), history.map((h) => h.at)],
  );
  return history.length;
}

/** Recreates the database and seeds `count` applications over the jobs, applied over the last year. */
async function seed(count: number): Promise<Seeded> {
  await withClient(pgAdminUrl, async (c) => {
    await c.query(`drop database if exists ${DB_NAME} with (force)`);
    await c.query(`create database ${DB_NAME}`);
  });
  const config = loadConfig({ DATABASE_URL: reportsBenchUrl, SEED_DEMO: 'false', LOG_LEVEL: 'warn' });
  const container = await createContainer(config, pino({ level: 'warn' }));
  try {
    await runMigrations(container.database);
    const { org, apiKey } = await container.orgs.createOrg({ name: 'Bench reports', slug: SLUG });
    const jobIds: string[] = [];
    const stagesByJob: StageRow[][] = [];
    const pipelines = createPipelinesRepo();
    for (const job of JOBS) {
      const created = await container.jobs.create(wholeOrg(org.id), job);
      jobIds.push(created.id);
      stagesByJob.push(await container.database.tenant(org.id, (tx) => pipelines.stagesOf(tx, org.id, created.id)));
    }
    const random = lcg(7);
    const now = Date.now();
    const started = Date.now();
    let history = 0;
    await withClient(reportsBenchUrl, async (client) => {
      for (let i = 0; i < count; i += BATCH) {
        if (Date.now() - started > SEED_LIMIT_MS) throw new Error(`seeding took over ${SEED_LIMIT_MS / 60_000} min; stopped at ${i}`);
        const rows = Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => {
          const n = i + j;
          const job = Math.floor(random() * random() * JOBS.length);
          const appliedAt = new Date(now - (1 + random() * 364) * DAY);
          return {
            candidateId: newId('cand'), name: `Applicant ${n}`, jobId: jobIds[job] ?? '', source: pickSource(random()), appliedAt,
            life: lifeOf(random, stagesByJob[job] ?? [], appliedAt, now),
          };
        });
        await client.query('begin');
        history += await insertBatch(client, org.id, rows);
        await client.query('commit');
      }
      await client.query('vacuum analyze');
    });
    return { apiKey, orgId: org.id, jobIds, applications: count, history };
  } finally {
    await container.close();
  }
}

export interface ReportTiming { label: string; p50: number; p99: number; max: number; bytes: number }

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;

/** Each path RUNS times, one request at a time after two warm-ups; milliseconds from sending to the last byte. */
async function timeReports(url: string, apiKey: string, shapes: readonly { label: string; path: string; accept?: string }[], runs: number): Promise<ReportTiming[]> {
  const out: ReportTiming[] = [];
  for (const shape of shapes) {
    const headers = { authorization: `Bearer ${apiKey}`, accept: shape.accept ?? 'application/json' };
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs + 2; i++) {
      const sent = performance.now();
      const res = await fetch(url + shape.path, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${shape.label}: ${res.status} ${body.slice(0, 300)}`);
      if (i >= 2) times.push(performance.now() - sent);
      bytes = body.length;
    }
    times.sort((a, b) => a - b);
    const round = (ms: number) => Math.round(ms * 10) / 10;
    out.push({ label: shape.label, p50: round(percentile(times, 0.5)), p99: round(percentile(times, 0.99)), max: round(times.at(-1) ?? Number.NaN), bytes });
    process.stdout.write(`reports, ${shape.label}: p50 ${out.at(-1)?.p50} ms, p99 ${out.at(-1)?.p99} ms (${runs} runs, ${bytes} bytes)\n`);
  }
  return out;
}

/** EXPLAIN ANALYZE of each report's statement, captured from the repository (as the owner: no row-level security here). */
async function explainReports(orgId: string, jobId: string): Promise<{ label: string; ms: number; plan: string[] }[]> {
  return withClient(reportsBenchUrl, async (client) => {
    const logger = new CapturingLogger();
    const db = drizzlePg({ client, logger });
    const repo = createReportsRepo();
    const access = { orgId, assignedTo: null };
    const period = { from: null, to: null };
    const cases: { label: string; run: () => Promise<unknown> }[] = [
      { label: 'pipeline (largest job)', run: () => repo.stageFlow(db, orgId, jobId) },
      { label: 'time to hire', run: () => repo.hireTimes(db, access, period) },
      { label: 'sources', run: () => repo.sources(db, access, period) },
    ];
    const out: { label: string; ms: number; plan: string[] }[] = [];
    for (const { label, run } of cases) {
      await run();
      const captured = logger.last;
      if (!captured) throw new Error('no query captured');
      const plan = (await client.query<Record<string, string>>(`explain (analyze, buffers) ${captured.sql}`, captured.params)).rows.map((r) => String(Object.values(r)[0]));
      out.push({ label, ms: Number(plan.map((l) => /Execution Time: ([\d.]+)/.exec(l)?.[1]).find(Boolean) ?? Number.NaN), plan });
    }
    return out;
  });
}

export async function benchReports(options: { count?: number; runs?: number; index?: string; keep?: boolean } = {}) {
  const count = options.count ?? 100_000;
  const runs = options.runs ?? 30;
  const started = Date.now();
  const seeded = await seed(count);
  process.stdout.write(`reports: seeded ${seeded.applications} applications, ${seeded.history} history entries in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  try {
    // The first job draws the most applications (the job index is skewed toward 0).
    const jobId = seeded.jobIds[0] ?? '';
    const since = new Date(Date.now() - 90 * DAY).toISOString();
    const shapes = [
      { label: 'pipeline (largest job)', path: `/v1/reports/pipeline?jobId=${jobId}` },
      { label: 'pipeline as CSV', path: `/v1/reports/pipeline?jobId=${jobId}`, accept: 'text/csv' },
      { label: 'time to hire', path: '/v1/reports/time-to-hire' },
      { label: 'time to hire, last 90 days', path: `/v1/reports/time-to-hire?appliedAfter=${since}` },
      { label: 'sources', path: '/v1/reports/sources' },
      { label: 'sources as CSV', path: '/v1/reports/sources', accept: 'text/csv' },
    ];
    const measure = async () => {
      const server = await startServer('src/main.ts', ['serve'], { DATABASE_URL: reportsBenchUrl, SEED_DEMO: 'false', LOG_LEVEL: 'warn' }, { readyPath: '/health', timeoutMs: 120_000 });
      try {
        return await timeReports(server.url, seeded.apiKey, shapes, runs);
      } finally {
        await server.stop();
      }
    };
    const timings = await measure();
    const explains = await explainReports(seeded.orgId, jobId);
    let withIndex: ReportTiming[] | null = null;
    if (options.index) {
      process.stdout.write(`reports: again with ${options.index}\n`);
      await withClient(reportsBenchUrl, async (c) => {
        await c.query(options.index ?? '');
        await c.query('analyze');
      });
      withIndex = await measure();
    }
    return { ...seeded, timings, explains, withIndex };
  } finally {
    if (!options.keep) await withClient(pgAdminUrl, (c) => c.query(`drop database if exists ${DB_NAME} with (force)`));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchReports({
    count: Number(process.env.APPLICATIONS ?? 100_000), runs: Number(process.env.RUNS ?? 30), index: process.env.INDEX, keep: process.env.KEEP === '1',
  });
  for (const e of result.explains) process.stdout.write(`\n## ${e.label}: ${e.ms} ms\n${e.plan.join('\n')}\n`);
}
