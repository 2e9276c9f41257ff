import { AppError, type FieldProblem } from '../../../app-error.ts';
import type { Database, DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import { authorize, type Principal } from '../../access/index.ts';
import type { EventsService } from '../../events/index.ts';
import type { JobsService } from '../../jobs/index.ts';
import type { QuestionRow, QuestionsRepo, QuestionWrite } from './questions.repo.ts';
import { MAX_OPTIONS, type Question, type QuestionInput } from './questions.schemas.ts';

export interface QuestionsServiceDeps {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  jobs: Pick<JobsService, 'get'>;
  repo: QuestionsRepo;
}

export const toQuestion = (row: QuestionRow): Question => ({ id: row.id, label: row.label, kind: row.kind, required: row.required, options: row.options });

const isChoice = (kind: Question['kind']) => kind === 'single_choice' || kind === 'multi_choice';

/** Field problems of a new list, against the job's current question ids (an id must name one of them). */
function check(input: readonly QuestionInput[], existing: ReadonlySet<string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  input.forEach((q, i) => {
    const at = `questions.${i}`;
    if (q.label.trim() === '') problems.push({ field: `${at}.label`, detail: 'must not be blank' });
    if (q.id !== undefined) {
      if (!existing.has(q.id)) problems.push({ field: `${at}.id`, detail: 'is not a question of this job; omit it for a new question' });
      else if (seen.has(q.id)) problems.push({ field: `${at}.id`, detail: 'appears twice in the list' });
      seen.add(q.id);
    }
    const options = (q.options ?? []).map((o) => o.trim());
    if (isChoice(q.kind)) {
      if (options.length === 0 || options.length > MAX_OPTIONS) problems.push({ field: `${at}.options`, detail: `a choice question needs 1 to ${MAX_OPTIONS} options` });
      if (new Set(options).size !== options.length) problems.push({ field: `${at}.options`, detail: 'must be distinct' });
      if (options.some((o) => o === '')) problems.push({ field: `${at}.options`, detail: 'must not be blank' });
    } else if (options.length > 0) {
      problems.push({ field: `${at}.options`, detail: `only choice questions have options, not ${q.kind}` });
    }
  });
  return problems;
}

export function createQuestionsService({ database, events, jobs, repo }: QuestionsServiceDeps) {
  return {
    async list(principal: Principal, jobId: string): Promise<Question[]> {
      const { orgId } = authorize(principal, 'jobs:read');
      // The job's own read decides visibility: another org's job, or one outside an assigned caller's team, is 404.
      await jobs.get(principal, jobId);
      return (await database.tenant(orgId, (tx) => repo.list(tx, orgId, jobId))).map(toQuestion);
    },

    /** Replaces the job's list. Entries with an id keep it, so answers already given still name their question. */
    async replace(principal: Principal, jobId: string, input: readonly QuestionInput[]): Promise<Question[]> {
      const { orgId } = authorize(principal, 'jobs:write');
      await jobs.get(principal, jobId);
      return events.withEvents(orgId, async (tx, record) => {
        await repo.lockJob(tx, jobId);
        const existing = new Set((await repo.list(tx, orgId, jobId)).map((q) => q.id));
        const problems = check(input, existing);
        if (problems.length > 0) throw new AppError('validation-failed', `The questions are invalid: ${problems[0]?.field} ${problems[0]?.detail}`, { fields: problems });
        const rows: QuestionWrite[] = input.map((q, position) => ({
          id: q.id ?? newId('qst'), orgId, jobId, position, label: q.label.trim(), kind: q.kind, required: q.required ?? false,
          options: isChoice(q.kind) ? (q.options ?? []).map((o) => o.trim()) : [],
        }));
        const saved = await repo.replace(tx, orgId, jobId, rows);
        const byId = new Map(saved.map((r) => [r.id, r]));
        const ordered = rows.map((r) => byId.get(r.id)).filter((r): r is QuestionRow => r !== undefined);
        record({ orgId, type: 'application_form.updated', subjectId: jobId, payload: { jobId, questionIds: ordered.map((q) => q.id) } });
        return ordered.map(toQuestion);
      });
    },

    /** The job's questions for applicants (no caller: the form is public), in the caller's transaction or a new one. */
    async form(orgId: string, jobId: string, tx?: DbExecutor): Promise<Question[]> {
      const rows = tx ? await repo.list(tx, orgId, jobId) : await database.tenant(orgId, (t) => repo.list(t, orgId, jobId));
      return rows.map(toQuestion);
    },
  };
}
export type QuestionsService = ReturnType<typeof createQuestionsService>;
