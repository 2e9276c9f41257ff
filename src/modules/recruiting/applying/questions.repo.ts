import { and, asc, eq, notInArray, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { applicationQuestions } from './questions.table.ts';

export type QuestionRow = typeof applicationQuestions.$inferSelect;
export type QuestionWrite = Omit<typeof applicationQuestions.$inferInsert, 'createdAt'>;

export function createQuestionsRepo() {
  const ofJob = (orgId: string, jobId: string) => and(eq(applicationQuestions.orgId, orgId), eq(applicationQuestions.jobId, jobId));
  return {
    async list(tx: DbExecutor, orgId: string, jobId: string): Promise<QuestionRow[]> {
      return tx.select().from(applicationQuestions).where(ofJob(orgId, jobId)).orderBy(asc(applicationQuestions.position));
    },

    /** Serializes replacements of one job's list: two at once would otherwise interleave their deletes and inserts. */
    async lockJob(tx: DbExecutor, jobId: string): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`job-questions:${jobId}`}, 0))`);
    },

    /** Makes the job's list exactly `rows`: others are deleted, kept ones updated in place (their ids stay). */
    async replace(tx: DbExecutor, orgId: string, jobId: string, rows: readonly QuestionWrite[]): Promise<QuestionRow[]> {
      const keep = rows.map((r) => r.id);
      await tx.delete(applicationQuestions).where(keep.length > 0 ? and(ofJob(orgId, jobId), notInArray(applicationQuestions.id, keep)) : ofJob(orgId, jobId));
      if (rows.length === 0) return [];
      return tx.insert(applicationQuestions).values([...rows]).onConflictDoUpdate({
        target: applicationQuestions.id,
        set: {
          position: sql`excluded.position`, label: sql`excluded.label`, kind: sql`excluded.kind`,
          required: sql`excluded.required`, options: sql`excluded.options`,
        },
      }).returning();
    },
  };
}
export type QuestionsRepo = ReturnType<typeof createQuestionsRepo>;
