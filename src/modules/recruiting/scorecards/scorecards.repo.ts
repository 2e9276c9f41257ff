import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import type { JobAccess } from '../../access/index.ts';
import { jobsVisibleTo } from '../../jobs/index.ts';
import { applications } from '../applications/applications.table.ts';
import { interviews } from '../interviews/interviews.table.ts';
import { scorecards, scorecardVersions, type Rating, type Recommendation } from './scorecards.table.ts';

export type ScorecardRow = typeof scorecards.$inferSelect;
export type VersionRow = typeof scorecardVersions.$inferSelect;
/** A scorecard with its latest submitted version (null before the first submit). */
export interface ScorecardWithLatest {
  card: ScorecardRow;
  latest: VersionRow | null;
}
export interface DraftContent {
  ratings: Rating[];
  notes: string | null;
  recommendation: Recommendation | null;
}
export type InterviewForScorecard = Pick<typeof interviews.$inferSelect, 'id' | 'applicationId' | 'jobId' | 'status' | 'interviewerIds' | 'startAt'>;

const interviewColumns = {
  id: interviews.id, applicationId: interviews.applicationId, jobId: interviews.jobId, status: interviews.status,
  interviewerIds: interviews.interviewerIds, startAt: interviews.startAt,
};

export function createScorecardsRepo() {
  const withLatest = (tx: DbExecutor) => tx.select({ card: scorecards, latest: scorecardVersions }).from(scorecards)
    .leftJoin(scorecardVersions, and(eq(scorecardVersions.scorecardId, scorecards.id), eq(scorecardVersions.version, scorecards.submittedVersion)));

  return {
    /** The interview, if the caller may see it. */
    async interview(tx: DbExecutor, access: JobAccess, id: string): Promise<InterviewForScorecard | null> {
      const [row] = await tx.select(interviewColumns).from(interviews)
        .where(and(eq(interviews.orgId, access.orgId), eq(interviews.id, id), jobsVisibleTo(access, interviews.jobId))).limit(1);
      return row ?? null;
    },

    /** The application's job, if `access` reaches it. */
    async application(tx: DbExecutor, access: JobAccess, id: string): Promise<{ id: string; jobId: string } | null> {
      const [row] = await tx.select({ id: applications.id, jobId: applications.jobId }).from(applications)
        .where(and(eq(applications.orgId, access.orgId), eq(applications.id, id), jobsVisibleTo(access, applications.jobId))).limit(1);
      return row ?? null;
    },

    /** The interviewer's scorecard for the interview, created empty if there is none yet, and locked. */
    async lockOrCreate(tx: DbExecutor, orgId: string, interview: InterviewForScorecard, interviewerId: string, at: Date): Promise<ScorecardWithLatest> {
      await tx.insert(scorecards).values({
        id: newId('scd'), orgId, applicationId: interview.applicationId, interviewId: interview.id, jobId: interview.jobId, interviewerId, createdAt: at, updatedAt: at,
      }).onConflictDoNothing({ target: [scorecards.interviewId, scorecards.interviewerId] });
      const [found] = await withLatest(tx).where(and(eq(scorecards.orgId, orgId), eq(scorecards.interviewId, interview.id), eq(scorecards.interviewerId, interviewerId)))
        .for('update', { of: scorecards });
      if (!found) throw new Error(`scorecard of ${interview.id} for ${interviewerId} vanished`);
      return found;
    },

    async mine(tx: DbExecutor, orgId: string, interviewId: string, interviewerId: string): Promise<ScorecardWithLatest | null> {
      const [found] = await withLatest(tx).where(and(eq(scorecards.orgId, orgId), eq(scorecards.interviewId, interviewId), eq(scorecards.interviewerId, interviewerId)));
      return found ?? null;
    },

    async saveDraft(tx: DbExecutor, id: string, draft: DraftContent, at: Date): Promise<ScorecardRow> {
      const [row] = await tx.update(scorecards).set({
        draftRatings: draft.ratings, draftNotes: draft.notes, draftRecommendation: draft.recommendation, draftSavedAt: at, updatedAt: at,
        revision: sql`${scorecards.revision} + 1`,
      }).where(eq(scorecards.id, id)).returning();
      if (!row) throw new Error(`scorecard ${id} vanished under its lock`);
      return row;
    },

    /** Writes the next version and closes the draft. */
    async submit(tx: DbExecutor, card: ScorecardRow, content: DraftContent & { recommendation: Recommendation }, at: Date): Promise<ScorecardWithLatest> {
      const [latest] = await tx.insert(scorecardVersions).values({
        scorecardId: card.id, version: card.submittedVersion + 1, orgId: card.orgId, ...content, submittedAt: at,
      }).returning();
      const [row] = await tx.update(scorecards).set({
        submittedVersion: card.submittedVersion + 1, draftSavedAt: null, draftRatings: null, draftNotes: null, draftRecommendation: null, updatedAt: at,
        revision: sql`${scorecards.revision} + 1`,
      }).where(eq(scorecards.id, card.id)).returning();
      if (!row || !latest) throw new Error(`scorecard ${card.id} vanished under its lock`);
      return { card: row, latest };
    },

    /** Every scorecard of the application (a handful: one per interview and interviewer), oldest first. */
    forApplication(tx: DbExecutor, orgId: string, applicationId: string): Promise<ScorecardWithLatest[]> {
      return withLatest(tx).where(and(eq(scorecards.orgId, orgId), eq(scorecards.applicationId, applicationId)))
        .orderBy(asc(scorecards.createdAt), asc(scorecards.id)).limit(500);
    },

    /** The scorecard, if `access` reaches its job. */
    async find(tx: DbExecutor, access: JobAccess, id: string): Promise<ScorecardWithLatest | null> {
      const [found] = await withLatest(tx).where(and(eq(scorecards.orgId, access.orgId), eq(scorecards.id, id), jobsVisibleTo(access, scorecards.jobId)));
      return found ?? null;
    },

    versions(tx: DbExecutor, orgId: string, scorecardId: string): Promise<VersionRow[]> {
      return tx.select().from(scorecardVersions).where(and(eq(scorecardVersions.orgId, orgId), eq(scorecardVersions.scorecardId, scorecardId)))
        .orderBy(asc(scorecardVersions.version));
    },

    /** Whether the user has submitted a scorecard (any version) for any interview of the application. */
    async hasSubmitted(tx: DbExecutor, orgId: string, applicationId: string, userId: string): Promise<boolean> {
      const [row] = await tx.select({ id: scorecards.id }).from(scorecards).where(and(
        eq(scorecards.orgId, orgId), eq(scorecards.applicationId, applicationId), eq(scorecards.interviewerId, userId), gt(scorecards.submittedVersion, 0),
      )).limit(1);
      return row !== undefined;
    },

    /** The application's interviews that still stand, soonest first: whose interviewers owe a scorecard. */
    scheduledInterviews(tx: DbExecutor, orgId: string, applicationId: string): Promise<InterviewForScorecard[]> {
      return tx.select(interviewColumns).from(interviews)
        .where(and(eq(interviews.orgId, orgId), eq(interviews.applicationId, applicationId), eq(interviews.status, 'scheduled')))
        .orderBy(asc(interviews.startAt), asc(interviews.id)).limit(500);
    },
  };
}
export type ScorecardsRepo = ReturnType<typeof createScorecardsRepo>;
