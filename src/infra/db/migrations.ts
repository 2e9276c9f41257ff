import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrateTaskQueue } from '../queue/task-queue-schema.ts';
import { queryRows, type Database, type DbExecutor } from './database.ts';

export const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));

// Arbitrary but fixed: every Hireline instance contends for the same lock.
const MIGRATION_LOCK_KEY = 728_301_115;

/**
 * Applies pending migrations while holding a session advisory lock, so two instances starting
 * at once apply them one after the other (the second finds nothing to do).
 */
export async function runMigrations(database: Database): Promise<number> {
  return database.withConnection(async (db) => {
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

/** True when every migration shipped in drizzle/ has been applied. */
let shippedCount: number | undefined;

export async function migrationsCurrent(database: Database): Promise<boolean> {
  shippedCount ??= readMigrationFiles({ migrationsFolder }).length;
  return (await appliedCount(database.unscoped)) >= shippedCount;
}
