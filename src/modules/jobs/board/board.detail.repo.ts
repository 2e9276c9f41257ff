import { and, eq, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { jobColumns, type JobRow } from '../jobs.repo.ts';
import { jobs } from '../jobs.table.ts';
import { isOpen } from './board.search.conditions.ts';

/**
 * The board's job page read: an open job by primary key, as one prepared statement (built once; on the
 * server a named statement each connection parses once). It runs on the unscoped executor, outside a
 * tenant transaction, because that transaction costs two more round trips (BEGIN with set_config, and
 * COMMIT) on every page view for nothing: the statement names the org itself, so it can return only
 * that org's row, and an open job is public. Row-level security is the second wall for queries a
 * service scopes by mistake; this one is scoped in its SQL, as rankPublished is.
 */
export function prepareOpenJob(unscoped: DbExecutor): (orgId: string, id: string, now: Date) => Promise<JobRow | null> {
  const query = unscoped.select(jobColumns).from(jobs).where(and(
    eq(jobs.id, sql.placeholder('id')),
    eq(jobs.orgId, sql.placeholder('orgId')),
    isOpen(sql.placeholder('now')),
  )).limit(1).prepare('board_open_job');
  return async (orgId, id, now) => {
    const [row] = await query.execute({ orgId, id, now: now.toISOString() });
    return row ?? null;
  };
}
