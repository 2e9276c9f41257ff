import { and, asc, eq, exists, gt, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { TypedQueryBuilder } from 'drizzle-orm/query-builders/query-builder';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import type { JobAccess } from '../../access/index.ts';
import { jobsVisibleTo } from '../../jobs/index.ts';
import { candidates } from '../candidates/candidates.table.ts';
import type { StageRow } from '../pipelines/index.ts';
import { jobStages, rejectionReasons } from '../pipelines/pipelines.table.ts';
import { applicationHistory, applications, type ApplicationStatus } from './applications.table.ts';
import { insertRows } from '../../../infra/db/insert-parts.ts';

export type ApplicationRow = typeof applications.$inferSelect;
export type NewApplication = Omit<typeof applications.$inferInsert, 'id' | 'version' | 'status'>;
export type HistoryEntry = Omit<typeof applicationHistory.$inferInsert, 'id'>;
export type HistoryRow = typeof applicationHistory.$inferSelect;
export type StageRef = Pick<StageRow, 'id' | 'name' | 'kind'>;
/** An application with the stage it is in, as most reads need it. */
export interface ApplicationWithStage {
  row: ApplicationRow;
  stage: StageRef;
}
/** What an action changes on an application; the repo bumps the version itself. */
export type ApplicationPatch = Partial<Pick<ApplicationRow, 'stageId' | 'status' | 'rejectionReasonId' | 'rejectionNote'>> & { at: Date };

export interface ApplicationFilter {
  jobId?: string;
  candidateId?: string;
  status?: ApplicationStatus;
  stageId?: string;
  /** The id the previous page ended at (ids are time-ordered, so this is creation order). */
  afterId?: string;
  limit: number;
}

const stageColumns = { id: jobStages.id, name: jobStages.name, kind: jobStages.kind };

/** The org wall is row-level security; this adds the assigned-jobs rule for hiring managers and interviewers. */
const visible = (access: JobAccess, ...conditions: (SQL | undefined)[]) => and(eq(applications.orgId, access.orgId), jobsVisibleTo(access, applications.jobId), ...conditions);

export function createApplicationsRepo() {
  return {
    async insert(tx: DbExecutor, row: NewApplication): Promise<ApplicationRow> {
      const [inserted] = await tx.insert(applications).values({ id: newId('app'), ...row }).returning();
      if (!inserted) throw new Error('insert returned no row');
      return inserted;
    },

    /**
     * Applications, each with its first history entry, and any rows that refer to them (`also`, given
     * their ids in order) in one statement: foreign keys are checked at the statement's end, when the
     * applications exist. Returns the rows in the order given.
     */
    async insertWithHistory(
      tx: DbExecutor, entries: readonly { row: NewApplication; history: Omit<HistoryEntry, 'applicationId'> }[],
      also?: (applicationIds: readonly string[]) => TypedQueryBuilder<undefined> | null,
    ): Promise<ApplicationRow[]> {
      const ids = entries.map(() => newId('app'));
      const history = tx.$with('history').as(insertRows(tx, applicationHistory, entries.map((e, i) => ({ id: newId('ahe'), ...e.history, applicationId: ids[i] ?? '' }))));
      const more = also?.(ids);
      const ctes = more ? [history, tx.$with('also').as(more)] : [history];
      const inserted = await insertRows(tx.with(...ctes), applications, entries.map((e, i) => ({ id: ids[i] ?? '', ...e.row }))).returning();
      const byId = new Map(inserted.map((row) => [row.id, row]));
      return ids.map((id) => {
        const row = byId.get(id);
        if (!row) throw new Error('insert returned no row');
        return row;
      });
    },

    /** The earlier applications that still count (anything but withdrawn) of these candidates to these jobs, by `${jobId}/${candidateId}`. */
    async findExistingMany(tx: DbExecutor, orgId: string, pairs: readonly { jobId: string; candidateId: string }[]): Promise<Map<string, ApplicationRow>> {
      if (pairs.length === 0) return new Map();
      const rows = await tx.select().from(applications).where(and(
        eq(applications.orgId, orgId), ne(applications.status, 'withdrawn'),
        inArray(applications.candidateId, [...new Set(pairs.map((p) => p.candidateId))]),
        inArray(applications.jobId, [...new Set(pairs.map((p) => p.jobId))]),
      ));
      return new Map(rows.map((row) => [`${row.jobId}/${row.candidateId}`, row]));
    },

    async addHistory(tx: DbExecutor, entries: readonly HistoryEntry[]): Promise<void> {
      if (entries.length > 0) await tx.insert(applicationHistory).values(entries.map((e) => ({ id: newId('ahe'), ...e })));
    },

    /** The candidate's earlier application to this job that still counts (anything but withdrawn). */
    async findExisting(tx: DbExecutor, orgId: string, jobId: string, candidateId: string, exceptId?: string): Promise<ApplicationRow | null> {
      const [row] = await tx.select().from(applications).where(and(
        eq(applications.orgId, orgId), eq(applications.jobId, jobId), eq(applications.candidateId, candidateId), ne(applications.status, 'withdrawn'),
        exceptId ? ne(applications.id, exceptId) : undefined,
      )).limit(1);
      return row ?? null;
    },

    async countForJob(tx: DbExecutor, orgId: string, jobId: string): Promise<number> {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(applications)
        .where(and(eq(applications.orgId, orgId), eq(applications.jobId, jobId)));
      return row?.n ?? 0;
    },

    async findWithStage(tx: DbExecutor, access: JobAccess, id: string): Promise<ApplicationWithStage | null> {
      const [found] = await tx.select({ row: applications, stage: stageColumns }).from(applications)
        .innerJoin(jobStages, eq(jobStages.id, applications.stageId)).where(visible(access, eq(applications.id, id))).limit(1);
      return found ?? null;
    },

    /**
     * The applications among `ids` the caller may see, with their stages, locked for the rest of the
     * transaction in id order (so two bulk actions over overlapping sets cannot deadlock). Two
     * statements whatever the count: the lock takes no join, because after waiting for a concurrent
     * writer PostgreSQL rechecks the row's new version against the old joined stage and would drop it.
     */
    async lockMany(tx: DbExecutor, access: JobAccess, ids: readonly string[]): Promise<ApplicationWithStage[]> {
      if (ids.length === 0) return [];
      const rows = await tx.select().from(applications).where(visible(access, inArray(applications.id, [...ids])))
        .orderBy(asc(applications.id)).for('update');
      if (rows.length === 0) return [];
      const stages = await tx.select(stageColumns).from(jobStages).where(inArray(jobStages.id, [...new Set(rows.map((r) => r.stageId))]));
      const byId = new Map(stages.map((s) => [s.id, s]));
      return rows.map((row) => {
        const stage = byId.get(row.stageId);
        if (!stage) throw new Error(`application ${row.id} is in a stage that does not exist`);
        return { row, stage };
      });
    },

    async list(tx: DbExecutor, access: JobAccess, filter: ApplicationFilter): Promise<ApplicationWithStage[]> {
      return tx.select({ row: applications, stage: stageColumns }).from(applications)
        .innerJoin(jobStages, eq(jobStages.id, applications.stageId))
        .where(visible(
          access,
          filter.jobId ? eq(applications.jobId, filter.jobId) : undefined,
          filter.candidateId ? eq(applications.candidateId, filter.candidateId) : undefined,
          filter.status ? eq(applications.status, filter.status) : undefined,
          filter.stageId ? eq(applications.stageId, filter.stageId) : undefined,
          filter.afterId ? gt(applications.id, filter.afterId) : undefined,
        ))
        .orderBy(asc(applications.id)).limit(filter.limit);
    },

    /** Writes an action's change and bumps the version, activity and update times. */
    async update(tx: DbExecutor, id: string, patch: ApplicationPatch): Promise<ApplicationRow> {
      const { at, ...changes } = patch;
      const [row] = await tx.update(applications)
        .set({ ...changes, updatedAt: at, lastActivityAt: at, version: sql`${applications.version} + 1` })
        .where(eq(applications.id, id)).returning();
      if (!row) throw new Error(`application ${id} vanished under its lock`);
      return row;
    },

    /** candidatesRepo.touch for many candidates in one statement (a bulk action's), so incremental sync sees them. */
    async touchCandidates(tx: DbExecutor, candidateIds: readonly string[], at: Date): Promise<void> {
      if (candidateIds.length === 0) return;
      await tx.update(candidates).set({ updatedAt: at, version: sql`${candidates.version} + 1` }).where(inArray(candidates.id, [...candidateIds]));
    },

    async history(tx: DbExecutor, applicationId: string): Promise<HistoryRow[]> {
      return tx.select().from(applicationHistory).where(eq(applicationHistory.applicationId, applicationId))
        .orderBy(asc(applicationHistory.at), asc(applicationHistory.id));
    },

    /**
     * A stage an application is about to enter, share-locked: a concurrent edit that removes it
     * (which locks the job's stages for update first) either finishes before, and the stage is gone
     * here, or waits until this transaction has put its application there and then moves it on.
     */
    async stageById(tx: DbExecutor, orgId: string, stageId: string): Promise<StageRow | null> {
      const [row] = await tx.select().from(jobStages).where(and(eq(jobStages.orgId, orgId), eq(jobStages.id, stageId))).limit(1).for('key share');
      return row ?? null;
    },

    /** The reason, if it is one of the org's reasons not archived. */
    async findActiveReason(tx: DbExecutor, orgId: string, reasonId: string): Promise<{ id: string; name: string } | null> {
      const [row] = await tx.select({ id: rejectionReasons.id, name: rejectionReasons.name }).from(rejectionReasons)
        .where(and(eq(rejectionReasons.orgId, orgId), eq(rejectionReasons.id, reasonId), isNull(rejectionReasons.archivedAt))).limit(1);
      return row ?? null;
    },

    /**
     * A candidate the caller may add to a job, locked so two additions of them at once cannot both
     * pass the duplicate check. A caller limited to assigned jobs reaches only candidates with an
     * application to one of those jobs. Merged-away candidates are gone.
     */
    async lockCandidate(tx: DbExecutor, access: JobAccess, candidateId: string): Promise<{ id: string } | null> {
      const reach = jobsVisibleTo(access, applications.jobId);
      const reachable = reach
        ? exists(tx.select({ one: sql`1` }).from(applications).where(and(eq(applications.candidateId, candidates.id), reach)))
        : undefined;
      const [row] = await tx.select({ id: candidates.id }).from(candidates)
        .where(and(eq(candidates.orgId, access.orgId), eq(candidates.id, candidateId), isNull(candidates.mergedInto), reachable))
        .for('update').limit(1);
      return row ?? null;
    },
  };
}
export type ApplicationsRepo = ReturnType<typeof createApplicationsRepo>;

/** An application row with its stage, as the API shows it. */
export const toApplication = (row: ApplicationRow, stage: StageRef) => ({
  id: row.id,
  jobId: row.jobId,
  candidateId: row.candidateId,
  stage: { id: stage.id, name: stage.name, kind: stage.kind },
  status: row.status,
  rejection: row.status === 'rejected' ? { reasonId: row.rejectionReasonId, note: row.rejectionNote } : null,
  source: row.source,
  sourceDetail: row.sourceDetail,
  answers: row.answers,
  coverLetter: row.coverLetter,
  consent: row.consent ?? null,
  futureRolesConsentedAt: row.futureRolesConsentedAt?.toISOString() ?? null,
  appliedAt: row.appliedAt.toISOString(),
  lastActivityAt: row.lastActivityAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});
