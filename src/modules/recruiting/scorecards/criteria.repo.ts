import { and, asc, eq, notInArray, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { scorecardCriteria } from './scorecards.table.ts';

export type CriterionRow = typeof scorecardCriteria.$inferSelect;
export type CriterionWrite = Omit<typeof scorecardCriteria.$inferInsert, 'createdAt'>;

export function createCriteriaRepo() {
  const ofJob = (orgId: string, jobId: string) => and(eq(scorecardCriteria.orgId, orgId), eq(scorecardCriteria.jobId, jobId));
  return {
    async list(tx: DbExecutor, orgId: string, jobId: string): Promise<CriterionRow[]> {
      return tx.select().from(scorecardCriteria).where(ofJob(orgId, jobId)).orderBy(asc(scorecardCriteria.position));
    },

    /** Serializes replacements of one job's list: two at once would otherwise interleave their deletes and inserts. */
    async lockJob(tx: DbExecutor, jobId: string): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`job-scorecard-criteria:${jobId}`}, 0))`);
    },

    /** Makes the job's list exactly `rows`: others are deleted, kept ones updated in place (their ids stay). */
    async replace(tx: DbExecutor, orgId: string, jobId: string, rows: readonly CriterionWrite[]): Promise<CriterionRow[]> {
      const keep = rows.map((r) => r.id);
      await tx.delete(scorecardCriteria).where(keep.length > 0 ? and(ofJob(orgId, jobId), notInArray(scorecardCriteria.id, keep)) : ofJob(orgId, jobId));
      if (rows.length === 0) return [];
      return tx.insert(scorecardCriteria).values([...rows]).onConflictDoUpdate({
        target: scorecardCriteria.id,
        set: { position: sql`excluded.position`, name: sql`excluded.name`, description: sql`excluded.description` },
      }).returning();
    },
  };
}
export type CriteriaRepo = ReturnType<typeof createCriteriaRepo>;
