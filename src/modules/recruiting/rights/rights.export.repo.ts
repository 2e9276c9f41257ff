import { and, asc, eq, getTableColumns, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import type { JobAccess } from '../../access/index.ts';
import { jobsVisibleTo } from '../../jobs/index.ts';
import { applicationHistory, applications } from '../applications/applications.table.ts';
import { attachments } from '../attachments/attachments.table.ts';
import { visibleCandidate } from '../candidates/index.ts';
import { candidates } from '../candidates/candidates.table.ts';
import { interviews } from '../interviews/interviews.table.ts';
import { notes } from '../notes/notes.table.ts';
import { jobStages } from '../pipelines/pipelines.table.ts';
import { scorecards, scorecardVersions } from '../scorecards/scorecards.table.ts';
import { erasureRequests } from './rights.requests.table.ts';

const { searchVector: _vector, searchProfile: _profile, searchNotes: _notes, searchResume: _resume, ...profileColumns } = getTableColumns(candidates);
// Metadata only: the extracted text is derived from the file, which the export links to.
const { text: _text, textClaimedAt: _claimed, ...attachmentColumns } = getTableColumns(attachments);

export type ExportProfileRow = Pick<typeof candidates.$inferSelect, keyof typeof profileColumns>;
export type ExportAttachmentRow = Pick<typeof attachments.$inferSelect, keyof typeof attachmentColumns>;
export type ExportScorecardVersionRow = Awaited<ReturnType<RightsExportRepo['scorecards']>>[number];

/** Reads for a candidate's data export: everything the caller may see of them, in a few queries. */
export function createRightsExportRepo() {
  return {
    /** The candidate if `access` reaches them (the candidates area's hiring-team rule). */
    async candidate(tx: DbExecutor, access: JobAccess, id: string): Promise<ExportProfileRow | null> {
      const [row] = await tx.select(profileColumns).from(candidates)
        .where(and(eq(candidates.orgId, access.orgId), eq(candidates.id, id), visibleCandidate(access)));
      return row ?? null;
    },

    async mergedInto(tx: DbExecutor, orgId: string, id: string): Promise<string[]> {
      const rows = await tx.select({ id: candidates.id }).from(candidates)
        .where(and(eq(candidates.orgId, orgId), eq(candidates.mergedInto, id))).orderBy(asc(candidates.id));
      return rows.map((r) => r.id);
    },

    /** The applications the caller may see, oldest first, with their stages. */
    async applications(tx: DbExecutor, access: JobAccess, candidateId: string) {
      return tx.select({ row: applications, stage: { id: jobStages.id, name: jobStages.name, kind: jobStages.kind } }).from(applications)
        .innerJoin(jobStages, eq(jobStages.id, applications.stageId))
        .where(and(eq(applications.orgId, access.orgId), eq(applications.candidateId, candidateId), jobsVisibleTo(access, applications.jobId)))
        .orderBy(asc(applications.appliedAt), asc(applications.id));
    },

    async interviews(tx: DbExecutor, orgId: string, applicationIds: readonly string[]) {
      if (applicationIds.length === 0) return [];
      return tx.select().from(interviews)
        .where(and(eq(interviews.orgId, orgId), inArray(interviews.applicationId, [...applicationIds])))
        .orderBy(asc(interviews.startAt), asc(interviews.id));
    },

    /**
     * Every submitted version of the applications' scorecards that `manager` (a candidates:write reach) may
     * see, oldest first. Drafts never: like private notes, they are their author's alone.
     */
    async scorecards(tx: DbExecutor, manager: JobAccess, applicationIds: readonly string[]) {
      if (applicationIds.length === 0) return [];
      return tx.select({
        scorecardId: scorecards.id, applicationId: scorecards.applicationId, interviewId: scorecards.interviewId, version: scorecardVersions.version,
        ratings: scorecardVersions.ratings, recommendation: scorecardVersions.recommendation, notes: scorecardVersions.notes, submittedAt: scorecardVersions.submittedAt,
      }).from(scorecardVersions).innerJoin(scorecards, eq(scorecards.id, scorecardVersions.scorecardId))
        .where(and(eq(scorecards.orgId, manager.orgId), inArray(scorecards.applicationId, [...applicationIds]), jobsVisibleTo(manager, scorecards.jobId)))
        .orderBy(asc(scorecards.createdAt), asc(scorecards.id), asc(scorecardVersions.version));
    },

    async history(tx: DbExecutor, orgId: string, applicationIds: readonly string[]) {
      if (applicationIds.length === 0) return [];
      return tx.select().from(applicationHistory)
        .where(and(eq(applicationHistory.orgId, orgId), inArray(applicationHistory.applicationId, [...applicationIds])))
        .orderBy(asc(applicationHistory.at), asc(applicationHistory.id));
    },

    /**
     * Team notes on the candidate, oldest first. Never private ones, whoever exports: the export is
     * handed to the candidate. An assigned caller sees notes on applications to their jobs only.
     */
    async teamNotes(tx: DbExecutor, access: JobAccess, candidateId: string, visibleApplicationIds: readonly string[]) {
      const onVisible = visibleApplicationIds.length > 0 ? inArray(notes.applicationId, [...visibleApplicationIds]) : sql`false`;
      return tx.select().from(notes).where(and(
        eq(notes.orgId, access.orgId), eq(notes.candidateId, candidateId), eq(notes.visibility, 'team'),
        access.assignedTo === null ? undefined : or(isNull(notes.applicationId), onVisible),
      )).orderBy(asc(notes.createdAt), asc(notes.id));
    },

    /** Every file of the candidate, as the attachments route lists them to anyone who sees the candidate. */
    async attachments(tx: DbExecutor, orgId: string, candidateId: string): Promise<ExportAttachmentRow[]> {
      return tx.select(attachmentColumns).from(attachments)
        .where(and(eq(attachments.orgId, orgId), eq(attachments.candidateId, candidateId)))
        .orderBy(asc(attachments.createdAt), asc(attachments.id));
    },

    /** The candidate's erasure requests, oldest first: their own words are part of what they get back. */
    async erasureRequests(tx: DbExecutor, orgId: string, candidateId: string) {
      return tx.select().from(erasureRequests).where(and(eq(erasureRequests.orgId, orgId), eq(erasureRequests.candidateId, candidateId)))
        .orderBy(asc(erasureRequests.requestedAt), asc(erasureRequests.id));
    },
  };
}
export type RightsExportRepo = ReturnType<typeof createRightsExportRepo>;
