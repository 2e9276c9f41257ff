import { AppError, type FieldProblem } from '../../../app-error.ts';
import { createMemoryCache } from '../../../infra/cache/memory-cache.ts';
import type { Database, DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import { authorize, requireWholeOrg, type Principal } from '../../access/index.ts';
import type { EventsService } from '../../events/index.ts';
import type { JobsService } from '../../jobs/index.ts';
import type { EeoAnswersGiven, EeoQuestionRow, EeoQuestionWrite, EeoRepo } from './eeo.repo.ts';
import { FEWER_THAN_MINIMUM, MINIMUM_GROUP, PREFER_NOT_TO_SAY, type EeoQuestion, type EeoQuestionInput, type EeoReport } from './eeo.schemas.ts';
import { suppressSmallGroups } from './eeo.suppression.ts';

export interface EeoServiceDeps {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  jobs: Pick<JobsService, 'get'>;
  repo: EeoRepo;
  clock: () => Date;
}

/** How long form() may serve an org's questions it read before; a change in this process applies at once. */
export const FORM_TTL_MS = 2_000;

const toQuestion = (row: EeoQuestionRow): EeoQuestion => ({ id: row.id, label: row.label, choices: row.choices });

/** The choices as given, trimmed, with "Prefer not to say" last unless one of them already says it. */
function choicesOf(input: EeoQuestionInput): string[] {
  const choices = input.choices.map((c) => c.trim());
  return choices.some((c) => c.toLowerCase() === PREFER_NOT_TO_SAY.toLowerCase()) ? choices : [...choices, PREFER_NOT_TO_SAY];
}

function check(input: readonly EeoQuestionInput[], existing: ReadonlySet<string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  input.forEach((q, i) => {
    const at = `questions.${i}`;
    if (q.label.trim() === '') problems.push({ field: `${at}.label`, detail: 'must not be blank' });
    if (q.id !== undefined) {
      if (!existing.has(q.id)) problems.push({ field: `${at}.id`, detail: 'is not a question of this organization; omit it for a new question' });
      else if (seen.has(q.id)) problems.push({ field: `${at}.id`, detail: 'appears twice in the list' });
      seen.add(q.id);
    }
    const choices = q.choices.map((c) => c.trim().toLowerCase());
    if (choices.some((c) => c === '')) problems.push({ field: `${at}.choices`, detail: 'must not be blank' });
    if (new Set(choices).size !== choices.length) problems.push({ field: `${at}.choices`, detail: 'must be distinct' });
  });
  return problems;
}

export function createEeoService({ database, events, jobs, repo, clock }: EeoServiceDeps) {
  const forms = createMemoryCache<EeoQuestion[]>(10_000, () => clock().getTime());

  return {
    /** Owners and admins configure the questions (org:manage). */
    async list(principal: Principal): Promise<EeoQuestion[]> {
      const { orgId } = authorize(principal, 'org:manage');
      return (await database.tenant(orgId, (tx) => repo.questions(tx, orgId))).map(toQuestion);
    },

    /** Replaces the list. An entry with an id keeps it and its answers (but answers of a choice it no longer offers). */
    async replace(principal: Principal, input: readonly EeoQuestionInput[]): Promise<EeoQuestion[]> {
      const { orgId } = authorize(principal, 'org:manage');
      const saved = await events.withEvents(orgId, async (tx, record) => {
        await repo.lockOrg(tx, orgId);
        const existing = new Set((await repo.questions(tx, orgId)).map((q) => q.id));
        const problems = check(input, existing);
        if (problems.length > 0) throw new AppError('validation-failed', `The questions are invalid: ${problems[0]?.field} ${problems[0]?.detail}`, { fields: problems });
        const rows: EeoQuestionWrite[] = input.map((q, position) => ({ id: q.id ?? newId('eeoq'), orgId, position, label: q.label.trim(), choices: choicesOf(q) }));
        const byId = new Map((await repo.replace(tx, orgId, rows)).map((r) => [r.id, r]));
        for (const row of rows) if (existing.has(row.id)) await repo.dropUnofferedAnswers(tx, orgId, row.id, row.choices);
        const ordered = rows.map((r) => byId.get(r.id)).filter((r): r is EeoQuestionRow => r !== undefined).map(toQuestion);
        record({ orgId, type: 'eeo_questions.updated', subjectId: orgId, payload: { questionIds: ordered.map((q) => q.id) } });
        return ordered;
      });
      forms.delete(orgId);
      return saved;
    },

    /**
     * The questions for applicants and the public job page (no caller: they are public). Remembered
     * per org for FORM_TTL_MS, so a burst of applications does not read them each time.
     */
    async form(orgId: string): Promise<EeoQuestion[]> {
      const remembered = forms.get(orgId);
      if (remembered) return remembered;
      const questions = (await database.tenant(orgId, (tx) => repo.questions(tx, orgId))).map(toQuestion);
      forms.set(orgId, questions, FORM_TTL_MS);
      return questions;
    },

    /** Stores checked answers with a new application, in its transaction. */
    /** The answers given with applications created together: one statement, none when nobody answered. */
    async record(tx: DbExecutor, orgId: string, given: readonly EeoAnswersGiven[], at: Date): Promise<void> {
      await repo.record(tx, orgId, given, at);
    },

    /**
     * Counts per question and choice for a job's applicants, small groups suppressed (eeo.suppression).
     * For those who act on every application (recruiters, admins, owners, API keys: candidates:write over
     * the whole org); a hiring manager, interviewer or viewer is refused, as answers are nobody's to
     * read per team.
     */
    async report(principal: Principal, jobId: string): Promise<EeoReport> {
      const access = authorize(principal, 'candidates:write');
      requireWholeOrg(access, 'read equal-opportunity reports');
      const job = await jobs.get(principal, jobId);
      const { orgId } = access;
      const { questions, counts } = await database.tenant(orgId, async (tx) => ({ questions: await repo.questions(tx, orgId), counts: await repo.counts(tx, orgId, jobId) }));
      const countOf = new Map(counts.map((c) => [`${c.questionId}\u0000${c.choice}`, c.n]));
      return {
        jobId: job.id, title: job.title, minimumGroupSize: MINIMUM_GROUP,
        questions: questions.map((q) => {
          const shown = suppressSmallGroups(q.choices.map((choice) => countOf.get(`${q.id}\u0000${choice}`) ?? 0));
          return { questionId: q.id, label: q.label, choices: q.choices.map((choice, i) => ({ choice, count: shown[i] ?? FEWER_THAN_MINIMUM })) };
        }),
      };
    },
  };
}
export type EeoService = ReturnType<typeof createEeoService>;
