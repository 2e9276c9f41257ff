import { and, eq, exists, sql, type SQL } from 'drizzle-orm';
import { QueryBuilder, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbExecutor } from '../../infra/db/database.ts';
import type { JobAccess } from '../access/index.ts';
import { jobTeam } from './jobs.table.ts';

const query = new QueryBuilder();

/**
 * The assigned-jobs rule, once: a condition on a job-id column that holds for exactly the jobs
 * `access` reaches, beyond the org wall the caller already applies. Undefined when it reaches every
 * job of the org. Other modules (candidates, applications, interviews) filter their rows' job ids
 * with it, so none of them reads the hiring team's table or writes the rule again.
 */
export function jobsVisibleTo(access: JobAccess, jobId: AnyPgColumn): SQL | undefined {
  if (access.assignedTo === null) return undefined;
  return exists(query.select({ one: sql`1` }).from(jobTeam).where(and(eq(jobTeam.jobId, jobId), eq(jobTeam.userId, access.assignedTo))));
}

/** Hiring-team SQL that spans a person's jobs rather than one job. */
export function createJobTeamRepo() {
  return {
    /** Takes a person off every hiring team in the org; returns how many seats they lost. */
    async removeUser(orgId: string, userId: string, tx: DbExecutor): Promise<number> {
      const removed = await tx.delete(jobTeam).where(and(eq(jobTeam.orgId, orgId), eq(jobTeam.userId, userId))).returning({ jobId: jobTeam.jobId });
      return removed.length;
    },
  };
}
export type JobTeamRepo = ReturnType<typeof createJobTeamRepo>;
