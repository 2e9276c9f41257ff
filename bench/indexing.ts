/**
 * Cost of indexing one job description, before and after bounding the text the parser reads:
 * to_tsvector over the raw text (as the search vector was built until migration 0008) against
 * searchText in TypeScript plus to_tsvector over its output, on PGlite and the local server.
 * Also times the migration's SQL backfill of the same inputs.
 *   node --import tsx bench/indexing.ts [postgres://postgres@127.0.0.1:5432/postgres]
 */
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { searchText } from '../src/modules/jobs/jobs.search-text.ts';
import { hostileTexts, proseText } from '../test/helpers/hostile-text.ts';

const inputs: Record<string, string> = { prose: proseText, ...hostileTexts };

type Query = (text: string, params: unknown[]) => Promise<unknown>;

// The backfill function of drizzle/0008, created in this session only.
const backfill = readFileSync(new URL('../drizzle/0008_bounded_search_text.sql', import.meta.url), 'utf8')
  .split('--> statement-breakpoint').find((s) => s.includes('CREATE FUNCTION pg_temp.search_words'));

async function time(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function measure(profile: string, query: Query): Promise<void> {
  await query(`select to_tsvector('english', 'warm up the dictionaries')`, []);
  if (!backfill) throw new Error('backfill function not found in migration 0008');
  await query(backfill.replace(/^[\s\S]*?(CREATE FUNCTION)/, '$1'), []);
  console.log(`\n${profile}: ms per 100,000-character description`);
  console.log('input'.padEnd(24), 'raw to_tsvector'.padStart(16), 'searchText+vector'.padStart(18), 'SQL backfill'.padStart(13));
  for (const [name, text] of Object.entries(inputs)) {
    const raw = await time(() => query(`select to_tsvector('english', $1) is not null`, [text]));
    const bounded = await time(() => query(`select to_tsvector('english', $1) is not null`, [searchText(text)]));
    const sqlBackfill = await time(() => query(`select to_tsvector('english', pg_temp.search_words($1)) is not null`, [text]));
    console.log(name.padEnd(24), raw.toFixed(0).padStart(16), bounded.toFixed(1).padStart(18), sqlBackfill.toFixed(1).padStart(13));
  }
}

const pglite = new PGlite();
await measure('pglite', (text, params) => pglite.query(text, params));
await pglite.close();

const client = new pg.Client({ connectionString: process.argv[2] ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
await client.connect();
await client.query('set statement_timeout = 120000');
await measure('postgres', (text, params) => client.query(text, params));
await client.end();
