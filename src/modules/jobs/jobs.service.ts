import { AppError, notFound } from '../../app-error.ts';
import type { Database, DbExecutor } from '../../infra/db/database.ts';
import { newId } from '../../infra/db/ids.ts';
import { authorize, requireWholeOrg, type Principal } from '../access/index.ts';
import type { EventsService, RecordEvent } from '../events/index.ts';
import { llmNotConfigured, type AssistedParser, type FieldSources, type ParsedJobDescription } from '../jd/index.ts';
import { assertPublishable, planTransition, type JobAction } from './jobs.lifecycle.ts';
import { newJobWrite, toColumns, toJob } from './jobs.mapping.ts';
import type { JobRow, JobsRepo } from './jobs.repo.ts';
import { defaultJobSort, type CreateJobInput, type Job, type JobListPosition, type JobListQuery, type UpdateJobInput } from './jobs.schemas.ts';
import { createJobFromDescription } from './jobs.import.ts';

export interface JobsServiceDeps {
  database: Pick<Database, 'tenant'>;
  repo: JobsRepo;
  events: Pick<EventsService, 'withEvents'>;
  parse: (text: string) => ParsedJobDescription;
  /** The parse with a language model filling the gaps; null when none is configured. */
  assistedParse?: AssistedParser | null;
  /** How many applications a job holds (recruiting's), asked inside the delete's transaction. */
  applicationsHeld?: (tx: DbExecutor, orgId: string, jobId: string) => Promise<number>;
  clock?: () => Date;
}

function checkSalary(salary: CreateJobInput['salary']): void {
  if (!salary) return;
  if (salary.min === null && salary.max === null) {
    throw new AppError('validation-failed', 'A salary needs a min, a max or both', { fields: [{ field: 'salary', detail: 'needs min or max' }] });
  }
  if (salary.min !== null && salary.max !== null && salary.min > salary.max) {
    throw new AppError('validation-failed', 'salary.min is greater than salary.max', { fields: [{ field: 'salary.min', detail: 'must not exceed max' }] });
  }
}

/** Undefined accepts any version; otherwise one of the expected versions must be current (412), so no write is silently lost. */
function checkVersion(current: JobRow, expected: readonly number[] | undefined): void {
  if (expected !== undefined && !expected.includes(current.version)) {
    const named = expected.length > 0 ? `not ${expected.join(' or ')}` : 'and If-Match names no strong ETag of it';
    throw new AppError('precondition-failed', `The job is at version ${current.version}, ${named}; fetch it again and reapply your change`);
  }
}

export function createJobsService({ database, repo, events, parse, assistedParse = null, applicationsHeld, clock = () => new Date() }: JobsServiceDeps) {
  const snapshot = (row: JobRow) => ({ job: toJob(row) });

  /** Creating or deleting jobs acts on the whole org, so a caller limited to assigned jobs may not. */
  async function create(principal: Principal, input: CreateJobInput, source: 'api' | 'import' = 'api'): Promise<Job> {
    const access = authorize(principal, 'jobs:write');
    requireWholeOrg(access, 'create jobs');
    const { orgId } = access;
    checkSalary(input.salary);
    return events.withEvents(orgId, async (tx, record) => {
      const [row] = await repo.insert([newJobWrite(newId('job'), orgId, input, clock())], tx);
      if (!row) throw new Error('insert returned no row');
      record({ orgId, type: 'job.created', subjectId: row.id, payload: { ...snapshot(row), source } });
      return toJob(row);
    });
  }

  return {
    create,

    async get(principal: Principal, id: string): Promise<Job> {
      const access = authorize(principal, 'jobs:read');
      const row = await database.tenant(access.orgId, (tx) => repo.findById(access, id, tx));
      if (!row) throw notFound('Job');
      return toJob(row);
    },

    /**
     * What a public application needs of a job, read across the board (no caller to authorize: anyone may
     * apply): whether it takes applications is the applying service's rule. Null for an unknown job.
     */
    async forApplying(orgId: string, id: string): Promise<{ id: string; title: string; status: Job['status']; validThrough: Date | null } | null> {
      const row = await database.tenant(orgId, (tx) => repo.findById({ orgId, assignedTo: null }, id, tx));
      return row ? { id: row.id, title: row.title, status: row.status, validThrough: row.validThrough } : null;
    },

    /** A page of jobs in `sort` order; `next` is where the following page starts, null on the last. */
    async list(principal: Principal, query: JobListQuery): Promise<{ data: Job[]; next: JobListPosition | null }> {
      const access = authorize(principal, 'jobs:read');
      const sort = query.sort ?? defaultJobSort;
      const limit = query.limit ?? 20;
      const { after } = query;
      const rows = await database.tenant(access.orgId, (tx) => repo.list(access, {
        status: query.status, department: query.department, workplace: query.workplace, employmentType: query.employmentType,
        titleContains: query.q, sort, after, limit: limit + 1,
      }, tx));
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const field = sort.replace('-', '') as 'createdAt' | 'updatedAt' | 'title';
      const value = (row: JobRow) => (field === 'title' ? row.title : row[field].toISOString());
      return { data: page.map(toJob), next: rows.length > limit && last ? { value: value(last), id: last.id } : null };
    },

    async update(principal: Principal, id: string, input: UpdateJobInput, expectedVersions?: readonly number[]): Promise<Job> {
      const access = authorize(principal, 'jobs:write');
      checkSalary(input.salary);
      const { orgId } = access;
      return events.withEvents(orgId, async (tx, record) => {
        const current = await repo.findForUpdate(access, id, tx);
        if (!current) throw notFound('Job');
        checkVersion(current, expectedVersions);
        if (current.status === 'archived') throw new AppError('invalid-state-transition', 'An archived job cannot be edited');
        const patch = toColumns(input);
        if (patch.openings !== undefined && patch.openings < current.openingsFilled) {
          throw new AppError('validation-failed', `Accepted offers have filled ${current.openingsFilled} openings; openings cannot be fewer`, {
            fields: [{ field: 'openings', detail: `must be at least openingsFilled (${current.openingsFilled})` }],
          });
        }
        const now = clock();
        if (current.status === 'published') assertPublishable({ ...current, ...patch }, now);
        const row = await repo.update(access, id, { ...patch, updatedAt: now }, tx);
        record({ orgId, type: 'job.updated', subjectId: id, payload: { ...snapshot(row), changed: Object.keys(input) } });
        return toJob(row);
      });
    },

    async remove(principal: Principal, id: string, expectedVersions?: readonly number[]): Promise<void> {
      const access = authorize(principal, 'jobs:write');
      requireWholeOrg(access, 'delete jobs');
      const { orgId } = access;
      await events.withEvents(orgId, async (tx, record) => {
        const current = await repo.findForUpdate(access, id, tx);
        if (!current) throw notFound('Job');
        checkVersion(current, expectedVersions);
        // Deleting would take the applications' history with it; archiving keeps it and takes the job off the board.
        const held = applicationsHeld ? await applicationsHeld(tx, orgId, id) : 0;
        if (held > 0) {
          throw new AppError('job-has-applications', `The job holds ${held} application${held === 1 ? '' : 's'}; archive it instead (POST /v1/jobs/${id}/archive)`);
        }
        await repo.delete(access, id, tx);
        record({ orgId, type: 'job.deleted', subjectId: id, payload: { id, status: current.status } });
      });
    },

    async transition(principal: Principal, id: string, action: JobAction): Promise<Job> {
      const access = authorize(principal, 'jobs:publish');
      const { orgId } = access;
      return events.withEvents(orgId, async (tx, record) => {
        const current = await repo.findForUpdate(access, id, tx);
        if (!current) throw notFound('Job');
        const now = clock();
        const plan = planTransition(current, action, now);
        const row = await repo.update(access, id, {
          status: plan.to,
          updatedAt: now,
          ...(action === 'publish' ? { publishedAt: now } : {}),
          ...(plan.to === 'closed' ? { closedAt: now } : {}),
          ...(action === 'reopen' ? { closedAt: null } : {}),
        }, tx);
        record({ orgId, type: plan.event, subjectId: id, payload: snapshot(row) });
        return toJob(row);
      });
    },

    /**
     * Fills one opening of the job inside the caller's transaction (an accepted offer's), and closes a
     * published job whose last opening that was, if the job says so (job.closed, reason "filled"). A job
     * with every opening filled, or archived, takes no more hires: 409. Not authorized here: the caller
     * has decided the hire.
     */
    async fillOpening(tx: DbExecutor, record: RecordEvent, orgId: string, jobId: string): Promise<{ job: Job; closed: boolean }> {
      const access = { orgId, assignedTo: null };
      const current = await repo.findForUpdate(access, jobId, tx);
      if (!current) throw notFound('Job');
      if (current.status === 'archived') throw new AppError('invalid-state-transition', 'The job is archived; it takes no more hires');
      if (current.openingsFilled >= current.openings) {
        throw new AppError('invalid-state-transition', `All ${current.openings} openings of the job are filled; raise its openings to hire more`);
      }
      const now = clock();
      const filled = current.openingsFilled + 1;
      const closed = filled === current.openings && current.closeWhenFilled && current.status === 'published';
      const row = await repo.update(access, jobId, { openingsFilled: filled, updatedAt: now, ...(closed ? { status: 'closed' as const, closedAt: now } : {}) }, tx);
      record({ orgId, type: 'job.updated', subjectId: jobId, payload: { ...snapshot(row), changed: ['openingsFilled'] } });
      if (closed) record({ orgId, type: 'job.closed', subjectId: jobId, payload: { ...snapshot(row), reason: 'filled' } });
      return { job: toJob(row), closed };
    },

    async importDescription(principal: Principal, text: string, assist = false): Promise<{ job: Job; warnings: string[]; sources?: FieldSources }> {
      if (!assist) {
        const { input, warnings } = createJobFromDescription(parse(text), text);
        return { job: await create(principal, input, 'import'), warnings };
      }
      if (!assistedParse) throw llmNotConfigured();
      // Checked before the model is asked, so a caller who may not create the job spends no tokens.
      requireWholeOrg(authorize(principal, 'jobs:write'), 'create jobs');
      const parsed = await assistedParse(principal.orgId, text);
      const { input, warnings } = createJobFromDescription(parsed, text);
      return { job: await create(principal, input, 'import'), warnings, sources: parsed.sources };
    },

    /**
     * Bulk path for seeding and migrations from other systems: inserts already-published jobs in
     * batches, one transaction and one job.published event per job, without per-job round trips.
     */
    async bulkPublish(orgId: string, inputs: readonly (CreateJobInput & { publishedAt?: Date })[], batchSize = 1000): Promise<number> {
      for (let start = 0; start < inputs.length; start += batchSize) {
        await events.withEvents(orgId, async (tx, record) => {
          const now = clock();
          const rows = inputs.slice(start, start + batchSize).map((input) => {
            checkSalary(input.salary);
            const { publishedAt, ...fields } = input;
            assertPublishable({
              title: fields.title, description: fields.description ?? '', locations: fields.locations ?? [],
              workplace: fields.workplace ?? null, validThrough: fields.validThrough ? new Date(fields.validThrough) : null,
            }, now);
            return { ...newJobWrite(newId('job'), orgId, fields, now), status: 'published' as const, publishedAt: publishedAt ?? now };
          });
          for (const row of await repo.insert(rows, tx)) {
            record({ orgId, type: 'job.published', subjectId: row.id, payload: { ...snapshot(row), source: 'bulk' } });
          }
        });
      }
      return inputs.length;
    },

    /** Closes published jobs past validThrough; returns how many. Safe to run on many instances. */
    async closeExpired(batchSize = 500): Promise<number> {
      // Crosses organizations by nature: the one sweep that runs unscoped.
      return events.withEvents(null, async (tx, record) => {
        const now = clock();
        const expired = await repo.lockExpired(now, batchSize, tx);
        for (const job of expired) {
          const row = await repo.update({ orgId: job.orgId, assignedTo: null }, job.id, { status: 'closed', closedAt: now, updatedAt: now }, tx);
          record({ orgId: job.orgId, type: 'job.closed', subjectId: job.id, payload: { ...snapshot(row), reason: 'expired' } });
        }
        return expired.length;
      });
    },
  };
}
export type JobsService = ReturnType<typeof createJobsService>;
export type { JobAction };
