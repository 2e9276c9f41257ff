import { and, asc, eq, notInArray, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import { eeoAnswers, eeoQuestions } from './eeo.table.ts';

export type EeoQuestionRow = typeof eeoQuestions.$inferSelect;
export type EeoQuestionWrite = Omit<typeof eeoQuestions.$inferInsert, 'createdAt'>;

/** The only SQL of equal-opportunity answers: questions, answers written at apply time, counts (erasure deletes them in rights.erase.repo). */
/** One application's voluntary answers, by question id. */
export interface EeoAnswersGiven {
  applicationId: string;
  jobId: string;
  answers: Readonly<Record<string, string>>;
}

export function createEeoRepo() {
  return {
    async questions(tx: DbExecutor, orgId: string): Promise<EeoQuestionRow[]> {
      return tx.select().from(eeoQuestions).where(eq(eeoQuestions.orgId, orgId)).orderBy(asc(eeoQuestions.position));
    },

    /** Serializes replacements of one org's list: two at once would otherwise interleave their deletes and inserts. */
    async lockOrg(tx: DbExecutor, orgId: string): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`eeo-questions:${orgId}`}, 0))`);
    },

    /** Makes the org's list exactly `rows`; a removed question's answers go with it (they could no longer be reported). */
    async replace(tx: DbExecutor, orgId: string, rows: readonly EeoQuestionWrite[]): Promise<EeoQuestionRow[]> {
      const keep = rows.map((r) => r.id);
      const ofOrg = eq(eeoQuestions.orgId, orgId);
      await tx.delete(eeoQuestions).where(keep.length > 0 ? and(ofOrg, notInArray(eeoQuestions.id, keep)) : ofOrg);
      if (rows.length === 0) return [];
      return tx.insert(eeoQuestions).values([...rows]).onConflictDoUpdate({
        target: eeoQuestions.id,
        set: { position: sql`excluded.position`, label: sql`excluded.label`, choices: sql`excluded.choices` },
      }).returning();
    },

    /** A choice no longer offered is no longer counted: its answers are removed with the choice. */
    async dropUnofferedAnswers(tx: DbExecutor, orgId: string, questionId: string, choices: readonly string[]): Promise<void> {
      await tx.delete(eeoAnswers).where(and(eq(eeoAnswers.orgId, orgId), eq(eeoAnswers.questionId, questionId), notInArray(eeoAnswers.choice, [...choices])));
    },

    async record(tx: DbExecutor, orgId: string, given: readonly EeoAnswersGiven[], at: Date): Promise<void> {
      const rows = given.flatMap(({ applicationId, jobId, answers }) => Object.entries(answers).map(([questionId, choice]) => ({ id: newId('eeoa'), orgId, applicationId, jobId, questionId, choice, answeredAt: at })));
      if (rows.length > 0) await tx.insert(eeoAnswers).values(rows);
    },

    /** Answers per question and choice for one job (choices nobody picked are absent). */
    async counts(tx: DbExecutor, orgId: string, jobId: string): Promise<{ questionId: string; choice: string; n: number }[]> {
      return tx.select({ questionId: eeoAnswers.questionId, choice: eeoAnswers.choice, n: sql<number>`count(*)::int` }).from(eeoAnswers)
        .where(and(eq(eeoAnswers.orgId, orgId), eq(eeoAnswers.jobId, jobId)))
        .groupBy(eeoAnswers.questionId, eeoAnswers.choice);
    },
  };
}
export type EeoRepo = ReturnType<typeof createEeoRepo>;
