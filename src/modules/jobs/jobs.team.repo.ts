import { and, eq } from 'drizzle-orm';
import type { DbExecutor } from '../../infra/db/database.ts';
import { jobTeam } from './jobs.table.ts';

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
