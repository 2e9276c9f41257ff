import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/infra/db/database.ts';
import { migrationsFolder, runMigrations } from '../../src/infra/db/migrations.ts';
import { writeMigratedDump } from '../../src/infra/db/pglite-dump.ts';

/** Which database the suite runs on: PGlite in memory (default) or the local PostgreSQL server. */
export const profile: 'pglite' | 'postgres' = process.env.TEST_PROFILE === 'postgres' ? 'postgres' : 'pglite';
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const dbUrl = (name: string): string => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/** Template named after the migrations' content: a changed migration gets a new template. */
function templateName(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort()) hash.update(readFileSync(`${migrationsFolder}/${file}`));
  return `hireline_tmpl_${hash.digest('hex').slice(0, 12)}`;
}

/**
 * A migrated PGlite data directory, dumped once per set of migrations into the temp dir and shared
 * by every test file (each in its own process): loading it skips initdb and the migrations.
 * Written to a scratch name and renamed, so a file that exists is always complete.
 */
async function pgliteTemplate(): Promise<Blob> {
  // Named after the migrations and the PGlite release: another release may not read this one's dump.
  const { version } = JSON.parse(readFileSync(path.join(process.cwd(), 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  const file = path.join(tmpdir(), `${templateName()}.pglite-${version}.tar`);
  if (!existsSync(file)) await writeMigratedDump(file);
  return new Blob([readFileSync(file)]);
}

let counter = 0;

async function createServerDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // One migrated template per run; test files copy it, which takes milliseconds.
    await admin.query('select pg_advisory_lock(4242)');
    const template = templateName();
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (exists.rowCount === 0) {
      // Built under a scratch name and renamed when complete, so a failed build is never reused.
      const scratch = `${template}_build_${process.pid}`;
      await admin.query(`drop database if exists ${scratch}`);
      await admin.query(`create database ${scratch}`);
      const db = await openDatabase({ databaseUrl: dbUrl(scratch), dataDir: '', poolMax: 1, statementTimeoutMs: 60_000 });
      try {
        await runMigrations(db);
      } finally {
        await db.close();
      }
      await admin.query(`alter database ${scratch} rename to ${template}`);
    }
    const name = `hireline_t_${process.pid}_${++counter}_${Date.now().toString(36)}`;
    // The server ends a closed session asynchronously, so the template may look busy for a moment.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${template}`);
        break;
      } catch (err) {
        if (attempt >= 50 || !/being accessed by other users/.test(String(err))) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await admin.query('select pg_advisory_unlock(4242)');
    return name;
  } finally {
    await admin.end();
  }
}

async function dropServerDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

/** A new, migrated, empty database for one test file; `drop` closes and removes it. */
export async function freshDatabase(options: { onQuery?: (sql: string) => void } = {}): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (profile === 'pglite') {
    const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://', poolMax: 1, statementTimeoutMs: 5000, pgliteDump: await pgliteTemplate(), ...options });
    // A no-op on the template; it still proves the migrations apply cleanly to what the file starts from.
    await runMigrations(database);
    return { database, drop: () => database.close() };
  }
  const name = await createServerDatabase();
  const database = await openDatabase({ databaseUrl: dbUrl(name), dataDir: '', poolMax: 5, statementTimeoutMs: 5000, ...options });
  return {
    database,
    drop: async () => {
      await database.close();
      await dropServerDatabase(name);
    },
  };
}

/** An empty migrated server database for a child process, or null on PGlite. */
export async function serverDatabaseUrl(): Promise<{ url: string | null; drop: () => Promise<void> }> {
  if (profile === 'pglite') return { url: null, drop: async () => undefined };
  const name = await createServerDatabase();
  return { url: dbUrl(name), drop: () => dropServerDatabase(name) };
}
