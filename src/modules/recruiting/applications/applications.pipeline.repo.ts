import { and, asc, count, desc, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import type { JobAccess } from '../../access/index.ts';
import { jobsVisibleTo } from '../../jobs/index.ts';
import { candidateEmails, candidates } from '../candidates/candidates.table.ts';
import { jobStages } from '../pipelines/pipelines.table.ts';
import type { ApplicationWithStage } from './applications.repo.ts';
import { applications, type ApplicationStatus } from './applications.table.ts';

export type PipelineSort = 'applied' | '-applied' | 'activity' | '-activity';
/** Where a page of a stage ended: the last row's sort time and id. */
export interface StagePosition {
  at: string;
  id: string;
}
export interface StagePageQuery {
  jobId: string;
  stageId: string;
  status: ApplicationStatus;
  sort: PipelineSort;
  after?: StagePosition;
  limit: number;
}
export type StageApplicationRow = ApplicationWithStage & { candidate: { id: string; name: string; email: string | null } };

const sortColumn = (sort: PipelineSort) => (sort.endsWith('applied') ? applications.appliedAt : applications.lastActivityAt);

/** The pipeline view's SQL: counts per stage and a stage's applications with who applied, one statement each. */
export function createPipelineViewRepo() {
  return {
    /** Active applications per stage of the job, in one grouped query. */
    async activeCounts(tx: DbExecutor, orgId: string, jobId: string): Promise<Map<string, number>> {
      const rows = await tx.select({ stageId: applications.stageId, count: count() }).from(applications)
        .where(and(eq(applications.orgId, orgId), eq(applications.jobId, jobId), eq(applications.status, 'active')))
        .groupBy(applications.stageId);
      return new Map(rows.map((r) => [r.stageId, Number(r.count)]));
    },

    /**
     * One page of a stage's applications of one status (the view's counts are of active ones), each with the
     * candidate's name and first email, in one statement whatever the page size. Keyset on (time, id),
     * served by the (job, stage, time desc, id desc) indexes.
     */
    async stagePage(tx: DbExecutor, access: JobAccess, query: StagePageQuery): Promise<StageApplicationRow[]> {
      const column = sortColumn(query.sort);
      const descending = query.sort.startsWith('-');
      const { after } = query;
      const past = after
        ? (descending
          ? or(lt(column, new Date(after.at)), and(eq(column, new Date(after.at)), lt(applications.id, after.id)))
          : or(gt(column, new Date(after.at)), and(eq(column, new Date(after.at)), gt(applications.id, after.id))))
        : undefined;
      const primaryEmail = sql<string | null>`(select ${candidateEmails.email} from ${candidateEmails}
        where ${candidateEmails.candidateId} = ${applications.candidateId} order by ${candidateEmails.position}, ${candidateEmails.emailKey} limit 1)`;
      return tx.select({
        row: applications,
        stage: { id: jobStages.id, name: jobStages.name, kind: jobStages.kind },
        candidate: { id: candidates.id, name: candidates.name, email: primaryEmail },
      }).from(applications)
        .innerJoin(jobStages, eq(jobStages.id, applications.stageId))
        .innerJoin(candidates, eq(candidates.id, applications.candidateId))
        .where(and(
          eq(applications.orgId, access.orgId), jobsVisibleTo(access, applications.jobId),
          eq(applications.jobId, query.jobId), eq(applications.stageId, query.stageId), eq(applications.status, query.status), past,
        ))
        .orderBy(...(descending ? [desc(column), desc(applications.id)] : [asc(column), asc(applications.id)]))
        .limit(query.limit);
    },
  };
}
export type PipelineViewRepo = ReturnType<typeof createPipelineViewRepo>;
