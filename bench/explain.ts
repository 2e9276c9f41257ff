import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { DbExecutor } from '../src/infra/db/database.ts';
import { pgliteExtensions } from '../src/infra/db/pglite-extensions.ts';
import { createJobsSearchRepo, type PublishedJobFilter } from '../src/modules/jobs/board/board.search.repo.ts';
import { SLICE_OFFSETS, slicesFrom } from '../src/modules/jobs/board/board.slices.ts';
import { createSearchFacetsRepo } from '../src/modules/jobs/board/board.search.facets.ts';
import { createSearchWordsRepo, isPlainQuery } from '../src/modules/jobs/board/board.search.words.ts';
import { explainSection } from './report.ts';
import { BENCH_SLUG } from './seed.ts';

export interface ExplainResult {
  label: string;
  /** The board search it stands for, as a query string. */
  search: string;
  /** Summed over every statement the search ran. */
  executionMs: number;
  statements: number;
  rows: number;
  plan: string[];
}

type Query = (text: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** Collects the SQL Drizzle sends, so EXPLAIN runs exactly what the repository runs. */
export class CapturingLogger {
  captured: { sql: string; params: unknown[] }[] = [];
  logQuery(sql: string, params: unknown[]): void {
    this.captured.push({ sql, params });
  }

  /** The statement sent last, for callers that explain one. */
  get last(): { sql: string; params: unknown[] } | null {
    return this.captured.at(-1) ?? null;
  }
}

type Filter = Omit<PublishedJobFilter, 'limit' | 'after'>;
/** One of each query shape the bench's request list holds (bench/workload.ts). */
const cases: { label: string; filter: Filter; facets?: true }[] = [
  { label: 'rare word', filter: { q: 'cobol' } },
  { label: 'common word', filter: { q: 'experience' } },
  { label: 'zero-hit word', filter: { q: 'zyzzogeton' } },
  { label: 'phrase', filter: { q: '"data engineer"' } },
  { label: 'word and negated word', filter: { q: 'nurse -senior' } },
  { label: 'common word + 1 filter', filter: { q: 'manager', location: 'canada' } },
  { label: 'common word + 2 filters', filter: { q: 'senior', skill: 'python', workplace: 'remote' } },
  { label: 'common word + 3 filters', filter: { q: 'team', department: 'Engineering', employmentType: 'FULL_TIME', location: 'germany' } },
  { label: 'zero-hit word + 2 filters', filter: { q: 'quidnunc', workplace: 'remote', employmentType: 'FULL_TIME' } },
  { label: 'word + salary filter (outside the board index)', filter: { q: 'remote', salaryMinAnnual: 30000, salaryCurrency: 'USD' } },
  { label: 'no word (newest first)', filter: {} },
  { label: 'no word + 2 filters', filter: { location: 'canada', skill: 'figma' } },
  { label: 'prefix (as typed)', filter: { q: 'engin' } },
  { label: 'typo', filter: { q: 'enginer' } },
  { label: 'common word + prefix', filter: { q: 'senior pyth' } },
  { label: 'facets: common word', filter: { q: 'experience' }, facets: true },
  { label: 'facets: common word + 1 filter', filter: { q: 'manager', location: 'canada' }, facets: true },
  { label: 'facets: rare word', filter: { q: 'cobol' }, facets: true },
];
const asQueryString = (filter: Filter) => new URLSearchParams(Object.entries(filter).map(([k, v]): [string, string] => [k, String(v)])).toString() || '—';

/**
 * First page (limit 20 + 1) of each case through the real search repository; its run warms the
 * buffers and yields the SQL, which is then explained with the same parameters.
 */
async function explainAll(db: DbExecutor, logger: CapturingLogger, query: Query, sliced: boolean): Promise<ExplainResult[]> {
  const org = (await query('select id from orgs where slug = $1', [BENCH_SLUG])).rows[0]?.id;
  if (typeof org !== 'string') throw new Error(`org ${BENCH_SLUG} not found`);
  const repo = createJobsSearchRepo();
  const words = createSearchWordsRepo();
  const facets = createSearchFacetsRepo();
  // As the service reads: in slices only on the server, whose board index they need (board.published.service.ts).
  const slices = sliced ? slicesFrom(await repo.sliceStarts(org, SLICE_OFFSETS, db)) : [];
  const results: ExplainResult[] = [];
  for (const { label, filter, facets: counting } of cases) {
    logger.captured = [];
    // As the service does: plain words are widened first (that statement is explained too).
    const widened = filter.q && isPlainQuery(filter.q) ? await words.widen(org, filter.q, db) ?? undefined : undefined;
    const rows = counting
      ? (await facets.facetCounts(org, { ...filter, widened }, new Date(), db, slices)).counted
      : (await repo.rankPublished(org, { ...filter, widened, limit: 21 }, new Date(), db, slices)).length;
    const statements = logger.captured;
    if (statements.length === 0) throw new Error('the search repository ran no query');
    const plan: string[] = [];
    let executionMs = 0;
    for (const [index, captured] of statements.entries()) {
      const lines = (await query(`explain (analyze, buffers) ${captured.sql}`, captured.params)).rows
        .map((r) => String(r['QUERY PLAN'] ?? Object.values(r)[0]));
      executionMs += Number(lines.map((line) => /Execution Time: ([\d.]+) ms/.exec(line)?.[1]).find(Boolean) ?? Number.NaN);
      if (statements.length > 1) plan.push(`-- statement ${index + 1} of ${statements.length}`);
      plan.push(...lines);
    }
    results.push({ label, search: asQueryString(filter), executionMs, statements: statements.length, rows, plan });
  }
  return results;
}

export async function explainPostgres(url: string): Promise<ExplainResult[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const logger = new CapturingLogger();
    return await explainAll(drizzlePg({ client, logger }), logger, (text, params) => client.query(text, params), true);
  } finally {
    await client.end();
  }
}

/** Opens the PGlite directory directly; call only after the server using it has stopped. */
export async function explainPglite(dataDir: string): Promise<ExplainResult[]> {
  const db = await PGlite.create(dataDir, { extensions: pgliteExtensions });
  try {
    const logger = new CapturingLogger();
    return await explainAll(drizzlePglite({ client: db, logger }), logger, (text, params) => db.query<Record<string, unknown>>(text, params), false);
  } finally {
    await db.close();
  }
}

/** `node --import tsx bench/explain.ts --pglite=<dir> | --postgres=<url>`: the plans alone, as markdown, to check a change. */
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/bench\//, '/bench/'))) {
  const { values } = parseArgs({ options: { pglite: { type: 'string' }, postgres: { type: 'string' } } });
  const results = values.pglite ? await explainPglite(values.pglite) : await explainPostgres(values.postgres ?? '');
  process.stdout.write(`${explainSection(values.pglite ? 'pglite' : 'postgres', results)}\n`);
}
