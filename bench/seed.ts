import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCommand } from './processes.ts';

export const BENCH_SLUG = 'bench';
const SEED_TIMEOUT_MS = 30 * 60_000;
/** Seeded jobs stay open for at least 14 days (see synthetic-jobs.ts); reseed well before that. */
const MAX_SEED_AGE_MS = 7 * 86_400_000;

/** Server-profile connection strings; BENCH_PG_ADMIN_URL overrides the maintenance database. */
export const pgAdminUrl = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/test';
/** The URL of a database of its own for a bench scenario, on the admin URL's server. */
export function benchDatabaseUrl(name: string): string {
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A small deterministic generator (no Math.random): the same data on every run. */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** BENCH_PG_DATABASE names another database (e.g. a copy, so a branch's migrations never touch the shared one). */
const pgBenchDatabase = process.env.BENCH_PG_DATABASE ?? 'hireline_bench';
export const pgBenchUrl = benchDatabaseUrl(pgBenchDatabase);

const seedEnv = { SEED_DEMO: 'false', LOG_LEVEL: 'warn' };

interface Marker {
  count: number;
  seededAt: number;
}

/**
 * A PGlite directory under the OS temp dir, seeded once and reused while fresh. The marker sits
 * beside the data directory, not in it, so PGlite's own files are left alone.
 */
export async function ensurePgliteSeeded(count: number): Promise<string> {
  const base = join(tmpdir(), 'hireline-bench');
  const dataDir = join(base, 'pglite');
  const markerFile = join(base, 'seeded.json');
  if (existsSync(markerFile)) {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8')) as Marker;
    if (marker.count === count && Date.now() - marker.seededAt < MAX_SEED_AGE_MS) {
      console.log(`PGlite: reusing ${dataDir} (${count} jobs, seeded ${new Date(marker.seededAt).toISOString()})`);
      return dataDir;
    }
  }
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  console.log(`PGlite: seeding ${count} jobs into ${dataDir}`);
  const started = Date.now();
  await runCommand('src/main.ts', ['seed', '--synthetic', String(count), '--org', BENCH_SLUG], { ...seedEnv, DATA_DIR: dataDir }, SEED_TIMEOUT_MS);
  console.log(`PGlite: seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  writeFileSync(markerFile, JSON.stringify({ count, seededAt: Date.now() } satisfies Marker));
  return dataDir;
}

/** One client for a few statements, always closed. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Open jobs on the bench board with a day to spare; 0 when the database or table is missing. */
async function openBenchJobs(): Promise<number> {
  try {
    return await withClient(pgBenchUrl, async (client) => {
      const { rows } = await client.query<{ n: number }>(
        `select count(*)::int as n from jobs j join orgs o on o.id = j.org_id
         where o.slug = $1 and j.status = 'published' and (j.valid_through is null or j.valid_through > now() + interval '1 day')`,
        [BENCH_SLUG],
      );
      return rows[0]?.n ?? 0;
    });
  } catch {
    return 0;
  }
}

/** Database `hireline_bench`, reused when it already holds `count` open jobs, else rebuilt from scratch. */
export async function ensurePostgresSeeded(count: number): Promise<string> {
  const open = await openBenchJobs();
  if (open === count) {
    console.log(`PostgreSQL: reusing ${pgBenchDatabase} (${open} open jobs)`);
    return pgBenchUrl;
  }
  console.log(`PostgreSQL: ${pgBenchDatabase} has ${open} open jobs; recreating and seeding ${count}`);
  await withClient(pgAdminUrl, async (client) => {
    await client.query(`drop database if exists "${pgBenchDatabase}" with (force)`);
    await client.query(`create database "${pgBenchDatabase}"`);
  });
  const started = Date.now();
  await runCommand('src/main.ts', ['seed', '--synthetic', String(count), '--org', BENCH_SLUG], { ...seedEnv, DATABASE_URL: pgBenchUrl }, SEED_TIMEOUT_MS);
  // Autovacuum would get there within a minute; doing it now makes the first measured run representative.
  await withClient(pgBenchUrl, (client) => client.query('vacuum analyze'));
  console.log(`PostgreSQL: seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return pgBenchUrl;
}
