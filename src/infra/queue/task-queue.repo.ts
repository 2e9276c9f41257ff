import { sql } from 'drizzle-orm';
import { queryRows, type Database, type DbExecutor } from '../db/database.ts';
import { QUEUE_SCHEMA } from './pg-boss-sql.ts';
import { SWEEPS_QUEUE, TASKS_QUEUE } from './task-queue-schema.ts';
import type { TaskCounts, TaskFailure, TaskOverview } from './task-queue.ts';

const job = sql`${sql.identifier(QUEUE_SCHEMA)}.job`;
const ours = sql`name in (${TASKS_QUEUE}, ${SWEEPS_QUEUE})`;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface FailureRow { id: string; name: string; state: 'retry' | 'failed'; attempts: number; error: string; last_attempt_at: string | Date; next_attempt_at: string | Date | null }

/** The SQL this folder runs on pg-boss's table itself: what pg-boss's API has no call for. */
export function createTaskQueueRepo(database: Database) {
  const db = database.unscoped;
  return {
    /** The id of the waiting task with this (already name-scoped) singleton key; through tx when enqueueing inside one. */
    async waitingWithKey(executor: DbExecutor, queue: string, singletonKey: string): Promise<string | null> {
      const [row] = await queryRows<{ id: string }>(executor, sql`select id from ${job}
        where name = ${queue} and singleton_key = ${singletonKey} and state < 'active' limit 1`);
      return row?.id ?? null;
    },

    async overview(options: { orgId?: string; failureLimit?: number } = {}): Promise<TaskOverview> {
      const org = options.orgId === undefined ? sql`true` : sql`data->'payload'->>'orgId' = ${options.orgId}`;
      const tasks = await queryRows<TaskCounts>(db, sql`select data->>'task' as name,
          count(*) filter (where state = 'created')::int as waiting,
          count(*) filter (where state = 'active')::int as active,
          count(*) filter (where state = 'retry')::int as retrying,
          count(*) filter (where state = 'failed')::int as dead
        from ${job} where ${ours} and state in ('created', 'active', 'retry', 'failed') and ${org}
        group by 1 order by 1`);
      const failures = await queryRows<FailureRow>(db, sql`select id, data->>'task' as name, state::text as state,
          retry_count + 1 as attempts,
          coalesce(output->>'message', output->'value'->>'message', output->>'value', 'unknown error') as error,
          started_on as last_attempt_at,
          case when state = 'retry' then start_after end as next_attempt_at
        from ${job} where ${ours} and state in ('retry', 'failed') and ${org}
        order by started_on desc, id limit ${options.failureLimit ?? 20}`);
      return {
        tasks,
        failures: failures.map((row): TaskFailure => ({
          id: row.id,
          name: row.name,
          state: row.state === 'retry' ? 'retrying' : 'dead',
          attempts: Number(row.attempts),
          error: row.error,
          lastAttemptAt: new Date(row.last_attempt_at),
          nextAttemptAt: row.next_attempt_at === null ? null : new Date(row.next_attempt_at),
        })),
      };
    },

    /** One more attempt, due now; completed_on is cleared so the archiver does not take it for finished. */
    async retry(id: string): Promise<boolean> {
      if (!uuid.test(id)) return false;
      const rows = await queryRows<{ id: string }>(db, sql`update ${job} set state = 'retry', start_after = now(), completed_on = null,
          retry_limit = greatest(retry_limit, retry_count + 1), keep_until = greatest(keep_until, now() + interval '14 days')
        where id = ${id} and ${ours} and state in ('retry', 'failed') returning id`);
      return rows.length > 0;
    },

    /** Not an active one: its worker would finish it regardless. */
    async discard(id: string): Promise<boolean> {
      if (!uuid.test(id)) return false;
      const rows = await queryRows<{ id: string }>(db, sql`delete from ${job}
        where id = ${id} and ${ours} and state in ('created', 'retry', 'failed') returning id`);
      return rows.length > 0;
    },
  };
}
