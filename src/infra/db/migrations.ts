import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrateTaskQueue, taskQueueCurrent } from '../queue/task-queue-schema.ts';
import { queryRows, type Database, type DbExecutor } from './database.ts';
import { migrationsFolder, shippedMigrations } from './migrations-shipped.ts';

export { migrationsFolder } from './migrations-shipped.ts';

// Arbitrary but fixed: every Hireline instance contends for the same lock.
const MIGRATION_LOCK_KEY = 728_301_115;

/**
 * Applies pending migrations while holding a session advisory lock, so two instances starting
 * at once apply them one after the other (the second finds nothing to do). An up-to-date database
 * (every start but the first after an upgrade) is recognised by a few reads and left alone: running the
 * migrators to find nothing to do cost about a second of a start on PGlite.
 */
export async function runMigrations(database: Database): Promise<number> {
  return database.withConnection(async (db) => {
    if (await upToDate(db)) return 0;
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      const before = await appliedCount(db);
      if (database.kind === 'pglite') await migratePglite(db as PgliteDatabase, { migrationsFolder });
      else await migratePg(db as NodePgDatabase, { migrationsFolder });
      // pg-boss's own tables, made and upgraded by pg-boss (it ships no SQL files for drizzle/).
      await migrateTaskQueue(db);
      return (await appliedCount(db)) - before;
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  });
}

async function appliedCount(db: DbExecutor): Promise<number> {
  const [exists] = await queryRows<{ present: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!exists?.present) return 0;
  const [result] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return result?.n ?? 0;
}

/**
 * Drizzle's own test (it applies the shipped migrations newer than the newest applied one), and
 * pg-boss's schema and the queue set-up as migrateTaskQueue leaves them.
 */
async function upToDate(db: DbExecutor): Promise<boolean> {
  const [exists] = await queryRows<{ present: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!exists?.present) return false;
  const [newest] = await queryRows<{ millis: string | null }>(db, sql`select max(created_at)::text as millis from drizzle.__drizzle_migrations`);
  if (newest?.millis === null || newest === undefined || Number(newest.millis) < shippedMigrations().newestMillis) return false;
  return taskQueueCurrent(db);
}

/** True when every migration shipped in drizzle/ has been applied. */
export async function migrationsCurrent(database: Database): Promise<boolean> {
  return (await appliedCount(database.unscoped)) >= shippedMigrations().count;
}
