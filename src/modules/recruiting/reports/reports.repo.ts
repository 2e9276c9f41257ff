import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbExecutor } from '../../../infra/db/database.ts';
import type { JobAccess } from '../../access/index.ts';
import { jobFacts, jobsVisibleTo } from '../../jobs/index.ts';
import { applicationHistory, applications } from '../applications/applications.table.ts';
import { jobStages } from '../pipelines/pipelines.table.ts';

/**
 * The history entries that put an application in a stage or take it out of the pipeline. Interviews,
 * scorecards, offers and merges are written to the same history but leave the application where it was,
 * so they neither start nor end a stay.
 */
const stageEntries = ['created', 'moved', 'hired', 'rejected', 'unrejected', 'withdrawn', 'reopened'] as const;

/** Applied at or after `from`, before `to`; either may be open. */
export interface Period {
  from: Date | null;
  to: Date | null;
}

export interface StageFlowRow {
  stageId: string;
  entered: number;
  movedOn: number;
  inStageNow: number;
  medianSeconds: number | null;
}

export interface HireTimesRow {
  /** Which grouping the row is: one job, one department (compared ignoring case), or everything. */
  level: 'job' | 'department' | 'overall';
  jobId: string | null;
  title: string | null;
  department: string | null;
  hires: number;
  medianDays: number | null;
  p90Days: number | null;
}

export interface SourceRow {
  source: string;
  applications: number;
  interviewed: number;
  hires: number;
}

/** The applications a report counts: the org's, the caller's jobs only when assigned, applied in the period. */
const counted = (access: JobAccess, period: Period, ...more: SQL[]) => and(
  eq(applications.orgId, access.orgId), jobsVisibleTo(access, applications.jobId),
  period.from ? gte(applications.appliedAt, period.from) : undefined, period.to ? lt(applications.appliedAt, period.to) : undefined, ...more,
);

/** Everything here is one grouped statement per report, computed where the rows are; numbers come back as numbers. */
export function createReportsRepo() {
  return {
    /**
     * Per stage of the job: each application's history cut into stays. A stay starts with every entry
     * that leaves the application active (or hired) in a stage (created, moved, hired, unrejected,
     * reopened) and ends at the application's next such entry or its rejection or withdrawal (`stageEntries`);
     * it moved on when that next entry moved it to a later stage or hired it. Ongoing stays have no end and no duration.
     */
    async stageFlow(tx: DbExecutor, orgId: string, jobId: string): Promise<StageFlowRow[]> {
      const h = applicationHistory;
      return queryRows<StageFlowRow>(tx, sql`
        with stages as (
          select ${jobStages.id} as id, ${jobStages.position} as position, ${jobStages.kind} as kind
          from ${jobStages} where ${and(eq(jobStages.orgId, orgId), eq(jobStages.jobId, jobId))}
        ),
        ordered as (
          select ${h.applicationId} as application_id, ${h.action} as action, ${h.toStageId} as stage_id, ${h.at} as at,
            lead(${h.at}) over w as left_at, lead(${h.action}) over w as next_action, lead(${h.toStageId}) over w as next_stage_id
          from ${h} join ${applications} on ${applications.id} = ${h.applicationId}
          where ${and(eq(applications.orgId, orgId), eq(applications.jobId, jobId), eq(h.orgId, orgId), inArray(h.action, stageEntries))}
          window w as (partition by ${h.applicationId} order by ${h.at}, ${h.id})
        ),
        stays as (
          select o.application_id, o.stage_id, o.left_at is null as ongoing, extract(epoch from o.left_at - o.at)::float8 as seconds,
            coalesce(o.next_action in ('moved', 'hired') and (next.kind = 'hired' or next.position > stage.position), false) as moved_on
          from ordered o join stages stage on stage.id = o.stage_id left join stages next on next.id = o.next_stage_id
          where o.action not in ('rejected', 'withdrawn')
        )
        select stage_id as "stageId", count(distinct application_id)::int as entered,
          (count(distinct application_id) filter (where moved_on))::int as "movedOn",
          (count(distinct application_id) filter (where ongoing))::int as "inStageNow",
          percentile_cont(0.5) within group (order by seconds) as "medianSeconds"
        from stays group by stage_id`);
    },

    /**
     * Days from applying to the (latest) hire of each hired application, as median and 90th percentile
     * per job, per department and overall, in one pass with grouping sets.
     */
    async hireTimes(tx: DbExecutor, access: JobAccess, period: Period): Promise<HireTimesRow[]> {
      const hiredAt = sql`(select max(h.at) from ${applicationHistory} h where h.application_id = ${applications.id} and h.action = 'hired')`;
      const rows = await queryRows<Omit<HireTimesRow, 'level'> & { jobGrouped: number; departmentGrouped: number }>(tx, sql`
        with hires as (
          select ${applications.jobId} as job_id, greatest(extract(epoch from ${hiredAt} - ${applications.appliedAt}), 0)::float8 / 86400 as days
          from ${applications} where ${counted(access, period, eq(applications.status, 'hired'))}
        )
        select grouping(hires.job_id) as "jobGrouped", grouping(lower(j.department)) as "departmentGrouped",
          hires.job_id as "jobId", max(j.title) as title, min(j.department) as department, count(*)::int as hires,
          percentile_cont(0.5) within group (order by days) as "medianDays", percentile_cont(0.9) within group (order by days) as "p90Days"
        from hires left join ${jobFacts(access.orgId, 'j')} on j.id = hires.job_id
        where hires.days is not null
        group by grouping sets ((hires.job_id), (lower(j.department)), ())`);
      // grouping() is 0 for the expression a row is grouped by.
      return rows.map(({ jobGrouped, departmentGrouped, ...row }) => ({
        ...row, level: jobGrouped === 0 ? 'job' : departmentGrouped === 0 ? 'department' : 'overall',
      }));
    },

    /** Per source: applications, those that ever entered an interview-kind stage, and those hired. */
    async sources(tx: DbExecutor, access: JobAccess, period: Period): Promise<SourceRow[]> {
      const h = applicationHistory;
      return queryRows<SourceRow>(tx, sql`
        with interviewed as (
          select distinct ${h.applicationId} as application_id from ${h} join ${jobStages} on ${jobStages.id} = ${h.toStageId}
          where ${and(eq(h.orgId, access.orgId), eq(jobStages.orgId, access.orgId), eq(jobStages.kind, 'interview'))}
        )
        select ${applications.source} as source, count(*)::int as applications, count(interviewed.application_id)::int as interviewed,
          (count(*) filter (where ${applications.status} = 'hired'))::int as hires
        from ${applications} left join interviewed on interviewed.application_id = ${applications.id}
        where ${counted(access, period)}
        group by ${applications.source}`);
    },
  };
}
export type ReportsRepo = ReturnType<typeof createReportsRepo>;
