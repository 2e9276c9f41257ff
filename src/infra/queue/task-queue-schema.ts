import { createRequire } from 'node:module';
import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import { APP_ROLE, queryRows, type DbExecutor } from '../db/database.ts';
import { bossDb, QUEUE_SCHEMA } from './pg-boss-sql.ts';

/** One-off tasks (QueuedTaskDefinition) of every name; the task's name travels in the job's data. */
export const TASKS_QUEUE = 'hireline-tasks';
/** Runs of the periodic tasks that one process at a time does (TaskDefinition with scope 'cluster'). */
export const SWEEPS_QUEUE = 'hireline-sweeps';

/**
 * Installs (or upgrades) pg-boss's schema, its two queues, and what the app role needs, as part of
 * `hireline migrate`: so a migrated database, and the test suite's template, has it all, and a
 * process starting on an up-to-date database only checks the version. Two queues, not one per task
 * name: each pg-boss queue is a partition table made on first use, which a fresh database would
 * otherwise pay for at every start. Safe to repeat.
 */
/** The schema version this pg-boss installs (what its migrate step brings a database to). */
const bossSchemaVersion = (createRequire(import.meta.url)('pg-boss/version.json') as { schema: number }).schema;

/**
 * True when migrateTaskQueue would change nothing: pg-boss's schema at this pg-boss's version, both
 * queues, the singleton index and the app role's grants. A change to migrateTaskQueue adds its check here.
 */
export async function taskQueueCurrent(db: DbExecutor): Promise<boolean> {
  const [present] = await queryRows<{ ok: boolean }>(db, sql`select to_regclass(${`${QUEUE_SCHEMA}.version`}) is not null
    and to_regclass(${`${QUEUE_SCHEMA}.queue`}) is not null and to_regclass(${`${QUEUE_SCHEMA}.hireline_waiting_singleton`}) is not null as ok`);
  if (!present?.ok) return false;
  const schema = sql.identifier(QUEUE_SCHEMA);
  const job = `${QUEUE_SCHEMA}.job`;
  const [state] = await queryRows<{ ok: boolean }>(db, sql`select
      (select max(version) from ${schema}.version) = ${bossSchemaVersion}
      and (select count(*) from ${schema}.queue where name in (${TASKS_QUEUE}, ${SWEEPS_QUEUE})) = 2
      and has_schema_privilege(${APP_ROLE}, ${QUEUE_SCHEMA}, 'usage')
      and has_table_privilege(${APP_ROLE}, ${`${QUEUE_SCHEMA}.queue`}, 'select')
      and has_table_privilege(${APP_ROLE}, ${job}, 'insert')
      and has_column_privilege(${APP_ROLE}, ${job}, 'singleton_key', 'select') as ok`);
  return state?.ok === true;
}

export async function migrateTaskQueue(db: DbExecutor): Promise<void> {
  const boss = new PgBoss({ db: bossDb(db), schema: QUEUE_SCHEMA, migrate: true, supervise: false, schedule: false });
  let failure: unknown;
  boss.on('error', (err) => {
    failure = err;
  });
  await boss.start();
  try {
    for (const name of [TASKS_QUEUE, SWEEPS_QUEUE]) await boss.createQueue(name, { name, policy: 'standard' });
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  const role = sql.identifier(APP_ROLE);
  const schema = sql.identifier(QUEUE_SCHEMA);
  // Tenant transactions (as the app role) enqueue: insert a task and read back its id, or the id of
  // the waiting one with the same key. Payloads (personal data) and the rest stay the owner's.
  await db.execute(sql`grant usage on schema ${schema} to ${role}`);
  await db.execute(sql`grant select on ${schema}.queue to ${role}`);
  await db.execute(sql`grant insert, select (id, name, state, singleton_key) on ${schema}.job to ${role}`);
  // pg-boss dedupes by singleton key only under queue policies that would also dedupe tasks without
  // a key; this keeps "at most one waiting task per key" on a standard queue (its insert skips conflicts).
  await db.execute(sql`create unique index if not exists hireline_waiting_singleton on ${schema}.job (name, singleton_key)
    where state < 'active' and singleton_key is not null`);
}
