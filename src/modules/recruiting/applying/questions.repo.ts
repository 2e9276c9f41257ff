import { and, asc, eq, notInArray, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import type { EeoQuestion } from '../equal-opportunity/index.ts';
import { eeoQuestions } from '../equal-opportunity/eeo.table.ts';
import type { Question } from './questions.schemas.ts';
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

/** What a job's public page shows of applying: its questions and the org's voluntary equal-opportunity ones, each in order. */
export interface PublicForm {
  questions: Question[];
  equalOpportunity: EeoQuestion[];
}

/**
 * The public form in one prepared statement (a named one each server connection parses once) instead of a
 * tenant transaction per list: a job page view reads it whenever the board cache misses. Unscoped, for the
 * reason prepareOpenJob gives (no BEGIN/set_config/COMMIT round trips): both subqueries name the org
 * themselves, and the questions are public.
 */
export function preparePublicForm(unscoped: DbExecutor): (orgId: string, jobId: string) => Promise<PublicForm> {
  const q = applicationQuestions;
  const e = eeoQuestions;
  const orgId = sql.placeholder('orgId');
  const questions = sql<Question[]>`(select coalesce(json_agg(json_build_object('id', ${q.id}, 'label', ${q.label}, 'kind', ${q.kind}, 'required', ${q.required}, 'options', ${q.options}) order by ${q.position}), '[]'::json)
    from ${q} where ${q.orgId} = ${orgId} and ${q.jobId} = ${sql.placeholder('jobId')})`;
  const equalOpportunity = sql<EeoQuestion[]>`(select coalesce(json_agg(json_build_object('id', ${e.id}, 'label', ${e.label}, 'choices', ${e.choices}) order by ${e.position}), '[]'::json)
    from ${e} where ${e.orgId} = ${orgId})`;
  const query = unscoped.select({ questions, equalOpportunity }).from(sql`(values (1)) as form(one)`).prepare('public_application_form');
  return async (orgIdValue, jobId) => {
    const [form] = await query.execute({ orgId: orgIdValue, jobId });
    return form ?? { questions: [], equalOpportunity: [] };
  };
}
