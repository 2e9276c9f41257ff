import { AppError, type FieldProblem } from '../../../app-error.ts';
import type { Database } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import { authorize, type Principal } from '../../access/index.ts';
import type { EventsService } from '../../events/index.ts';
import type { JobsService } from '../../jobs/index.ts';
import type { CriteriaRepo, CriterionRow, CriterionWrite } from './criteria.repo.ts';
import type { Criterion, CriterionInput } from './criteria.schemas.ts';

export interface CriteriaServiceDeps {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  jobs: Pick<JobsService, 'get'>;
  repo: CriteriaRepo;
}

export const toCriterion = (row: CriterionRow): Criterion => ({ id: row.id, name: row.name, description: row.description });

/** Field problems of a new list, against the job's current criterion ids (an id must name one of them). */
function check(input: readonly CriterionInput[], existing: ReadonlySet<string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const ids = new Set<string>();
  const names = new Set<string>();
  input.forEach((c, i) => {
    const at = `criteria.${i}`;
    const name = c.name.trim();
    if (name === '') problems.push({ field: `${at}.name`, detail: 'must not be blank' });
    else if (names.has(name.toLowerCase())) problems.push({ field: `${at}.name`, detail: 'names another criterion of the list (names are compared without case)' });
    names.add(name.toLowerCase());
    if (c.description !== undefined && c.description !== null && c.description.trim() === '') problems.push({ field: `${at}.description`, detail: 'must not be blank (omit it or send null)' });
    if (c.id !== undefined) {
      if (!existing.has(c.id)) problems.push({ field: `${at}.id`, detail: 'is not a criterion of this job; omit it for a new criterion' });
      else if (ids.has(c.id)) problems.push({ field: `${at}.id`, detail: 'appears twice in the list' });
      ids.add(c.id);
    }
  });
  return problems;
}

export function createCriteriaService({ database, events, jobs, repo }: CriteriaServiceDeps) {
  return {
    async list(principal: Principal, jobId: string): Promise<Criterion[]> {
      const { orgId } = authorize(principal, 'jobs:read');
      // The job's own read decides visibility: another org's job, or one outside an assigned caller's team, is 404.
      await jobs.get(principal, jobId);
      return (await database.tenant(orgId, (tx) => repo.list(tx, orgId, jobId))).map(toCriterion);
    },

    /** Replaces the job's list. Entries with an id keep it, so ratings already given still name their criterion. */
    async replace(principal: Principal, jobId: string, input: readonly CriterionInput[]): Promise<Criterion[]> {
      const { orgId } = authorize(principal, 'jobs:write');
      await jobs.get(principal, jobId);
      return events.withEvents(orgId, async (tx, record) => {
        await repo.lockJob(tx, jobId);
        const existing = new Set((await repo.list(tx, orgId, jobId)).map((c) => c.id));
        const problems = check(input, existing);
        if (problems.length > 0) throw new AppError('validation-failed', `The criteria are invalid: ${problems[0]?.field} ${problems[0]?.detail}`, { fields: problems });
        const rows: CriterionWrite[] = input.map((c, position) => ({
          id: c.id ?? newId('scc'), orgId, jobId, position, name: c.name.trim(), description: c.description?.trim() ?? null,
        }));
        const saved = new Map((await repo.replace(tx, orgId, jobId, rows)).map((r) => [r.id, r]));
        const ordered = rows.map((r) => saved.get(r.id)).filter((r): r is CriterionRow => r !== undefined);
        record({ orgId, type: 'scorecard_criteria.updated', subjectId: jobId, payload: { jobId, criterionIds: ordered.map((c) => c.id) } });
        return ordered.map(toCriterion);
      });
    },
  };
}
export type CriteriaService = ReturnType<typeof createCriteriaService>;
