import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { DbExecutor } from '../src/infra/db/database.ts';
import { createJobsSearchRepo } from '../src/modules/jobs/board/board.search.repo.ts';
import { BENCH_SLUG } from './seed.ts';

export interface ExplainResult {
  label: string;
  word: string | null;
  executionMs: number;
  rows: number;
  plan: string[];
}

type Query = (text: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** Collects the SQL Drizzle sends, so EXPLAIN runs exactly what the repository runs. */
export class CapturingLogger {
  last: { sql: string; params: unknown[] } | null = null;
  logQuery(sql: string, params: unknown[]): void {
    this.last = { sql, params };
  }
}

const cases: { label: string; word: string | null }[] = [
  { label: 'rare word', word: 'cobol' },
  { label: 'common word', word: 'experience' },
  { label: 'zero-hit word', word: 'zyzzogeton' },
  { label: 'no word (newest first)', word: null },
];

/**
 * First page (limit 20 + 1) of each case through the real search repository; its run warms the
 * buffers and yields the SQL, which is then explained with the same parameters.
 */
async function explainAll(db: DbExecutor, logger: CapturingLogger, query: Query): Promise<ExplainResult[]> {
  const org = (await query('select id from orgs where slug = $1', [BENCH_SLUG])).rows[0]?.id;
  if (typeof org !== 'string') throw new Error(`org ${BENCH_SLUG} not found`);
  const repo = createJobsSearchRepo();
  const results: ExplainResult[] = [];
  for (const { label, word } of cases) {
    logger.last = null;
    const rows = (await repo.rankPublished(org, { ...(word ? { q: word } : {}), limit: 21 }, new Date(), db)).length;
    const captured = logger.last as { sql: string; params: unknown[] } | null;
    if (!captured) throw new Error('the search repository ran no query');
    const plan = (await query(`explain (analyze, buffers) ${captured.sql}`, captured.params)).rows
      .map((r) => String(r['QUERY PLAN'] ?? Object.values(r)[0]));
    const time = plan.map((line) => /Execution Time: ([\d.]+) ms/.exec(line)?.[1]).find(Boolean);
    results.push({ label, word, executionMs: Number(time ?? Number.NaN), rows, plan });
  }
  return results;
}

export async function explainPostgres(url: string): Promise<ExplainResult[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const logger = new CapturingLogger();
    return await explainAll(drizzlePg({ client, logger }), logger, (text, params) => client.query(text, params));
  } finally {
    await client.end();
  }
}

/** Opens the PGlite directory directly; call only after the server using it has stopped. */
export async function explainPglite(dataDir: string): Promise<ExplainResult[]> {
  const db = await PGlite.create(dataDir);
  try {
    const logger = new CapturingLogger();
    return await explainAll(drizzlePglite({ client: db, logger }), logger, (text, params) => db.query<Record<string, unknown>>(text, params));
  } finally {
    await db.close();
  }
}
