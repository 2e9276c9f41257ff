import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { after } from 'node:test';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/infra/db/database.ts';
import { migrationsFolder, runMigrations } from '../../src/infra/db/migrations.ts';

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
      await admin.query(`create database ${template}`);
      const db = await openDatabase({ databaseUrl: dbUrl(template), dataDir: '', poolMax: 1, statementTimeoutMs: 60_000 });
      await runMigrations(db);
      await db.close();
    }
    const name = `hireline_t_${process.pid}_${++counter}_${Date.now().toString(36)}`;
    await admin.query(`create database ${name} template ${template}`);
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

/** A new, migrated, empty database for one test file; closed and dropped after the file. */
export async function freshDatabase(): Promise<{ database: Database; url: string | null }> {
  if (profile === 'pglite') {
    const database = await openDatabase({ databaseUrl: null, dataDir: 'memory://', poolMax: 1, statementTimeoutMs: 5000 });
    await runMigrations(database);
    after(() => database.close());
    return { database, url: null };
  }
  const name = await createServerDatabase();
  const url = dbUrl(name);
  const database = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 5, statementTimeoutMs: 5000 });
  after(async () => {
    await database.close();
    await dropServerDatabase(name);
  });
  return { database, url };
}

/** A database URL for a child process (server profile), or null on PGlite. */
export async function serverDatabaseUrl(): Promise<string | null> {
  if (profile === 'pglite') return null;
  const name = await createServerDatabase();
  after(() => dropServerDatabase(name));
  return dbUrl(name);
}
