import { AppError } from '../../../app-error.ts';
import type { Database } from '../../../infra/db/database.ts';
import { authorize, type JobAccess, type Principal } from '../../access/index.ts';
import type { JobsService } from '../../jobs/index.ts';
import type { PipelinesRepo } from '../pipelines/index.ts';
import type { HireTimesRow, Period, ReportsRepo } from './reports.repo.ts';
import type { HireTimes, PipelineReport, ReportScope, SourcesReport, TimeToHireReport } from './reports.schemas.ts';

export interface ReportsServiceDeps {
  database: Pick<Database, 'tenant'>;
  jobs: Pick<JobsService, 'get'>;
  stagesOf: PipelinesRepo['stagesOf'];
  repo: ReportsRepo;
}

/** The period a report covers, as the caller named it (ISO instants, either end open). */
export interface PeriodInput {
  appliedAfter?: string;
  appliedBefore?: string;
}

const round = (value: number | null, places: number): number | null => (value === null ? null : Number(value.toFixed(places)));
const rate = (part: number, whole: number): number | null => (whole === 0 ? null : round(part / whole, 4));
const days = (value: number | null): number | null => round(value, 2);
/** Nothing moves on from these, and a stay in them lasts until someone undoes it: no conversion, no time in stage. */
const terminalKinds = new Set(['hired', 'rejected']);

const scopeOf = (access: JobAccess): ReportScope => (access.assignedTo === null ? 'organization' : 'assigned-jobs');
function periodOf(input: PeriodInput): Period {
  const period = { from: input.appliedAfter ? new Date(input.appliedAfter) : null, to: input.appliedBefore ? new Date(input.appliedBefore) : null };
  if (period.from && period.to && period.from >= period.to) {
    throw new AppError('validation-failed', 'appliedBefore must be later than appliedAfter', { fields: [{ field: 'appliedBefore', detail: 'not after appliedAfter' }] });
  }
  return period;
}
/** The period as the answer names it: the instants it was read as, or null for an open end. */
const periodNamed = (period: Period) => ({ appliedAfter: period.from?.toISOString() ?? null, appliedBefore: period.to?.toISOString() ?? null });
const hireTimes = (row: HireTimesRow | undefined): HireTimes => ({ hires: row?.hires ?? 0, medianDays: days(row?.medianDays ?? null), p90Days: days(row?.p90Days ?? null) });
/** Most hires first, then by name, so the order is the same on every call. */
const mostHiresFirst = <T extends { hires: number }>(name: (item: T) => string) => (a: T, b: T) => b.hires - a.hires || name(a).localeCompare(name(b));

/**
 * Hiring reports, read through the tenant wall. They need candidates:read; a caller whose reach is
 * their assigned jobs gets figures over those jobs only (and the answer says so in `scope`).
 */
export function createReportsService({ database, jobs, stagesOf, repo }: ReportsServiceDeps) {
  return {
    /** The job's funnel, stage by stage in pipeline order; a job the caller may not see is a 404. */
    async pipeline(principal: Principal, jobId: string): Promise<PipelineReport> {
      const access = authorize(principal, 'candidates:read');
      const job = await jobs.get(principal, jobId);
      return database.tenant(access.orgId, async (tx) => {
        const stages = await stagesOf(tx, access.orgId, jobId);
        const flow = new Map((await repo.stageFlow(tx, access.orgId, jobId)).map((row) => [row.stageId, row]));
        return {
          jobId: job.id,
          title: job.title,
          stages: stages.map((stage) => {
            const row = flow.get(stage.id);
            const entered = row?.entered ?? 0;
            const movedOn = row?.movedOn ?? 0;
            const terminal = terminalKinds.has(stage.kind);
            return {
              stageId: stage.id, name: stage.name, kind: stage.kind, position: stage.position, entered, movedOn,
              conversion: terminal ? null : rate(movedOn, entered),
              inStageNow: row?.inStageNow ?? 0,
              medianDaysInStage: terminal || row?.medianSeconds == null ? null : days(row.medianSeconds / 86_400),
            };
          }),
        };
      });
    },

    async timeToHire(principal: Principal, input: PeriodInput): Promise<TimeToHireReport> {
      const access = authorize(principal, 'candidates:read');
      const period = periodOf(input);
      const rows = await database.tenant(access.orgId, (tx) => repo.hireTimes(tx, access, period));
      const byJob = rows.filter((r) => r.level === 'job')
        .map((r) => ({ jobId: r.jobId ?? '', title: r.title ?? '', department: r.department, ...hireTimes(r) }))
        .sort(mostHiresFirst((j) => j.title));
      const byDepartment = rows.filter((r) => r.level === 'department')
        .map((r) => ({ department: r.department, ...hireTimes(r) }))
        .sort(mostHiresFirst((d) => d.department ?? ''));
      return {
        scope: scopeOf(access), ...periodNamed(period),
        overall: hireTimes(rows.find((r) => r.level === 'overall')),
        byJob,
        byDepartment,
      };
    },

    async sources(principal: Principal, input: PeriodInput): Promise<SourcesReport> {
      const access = authorize(principal, 'candidates:read');
      const period = periodOf(input);
      const rows = await database.tenant(access.orgId, (tx) => repo.sources(tx, access, period));
      return {
        scope: scopeOf(access), ...periodNamed(period),
        sources: rows.map((r) => ({ ...r, interviewRate: rate(r.interviewed, r.applications), hireRate: rate(r.hires, r.applications) }))
          .sort((a, b) => b.applications - a.applications || a.source.localeCompare(b.source)),
      };
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
