import { and, arrayContains, asc, desc, eq, gt, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import type { JobAccess } from '../../access/index.ts';
import { jobsVisibleTo } from '../../jobs/index.ts';
import { applications, type ApplicationStatus } from '../applications/applications.table.ts';
import { candidates } from '../candidates/candidates.table.ts';
import type { InterviewPosition } from './interviews.schemas.ts';
import { interviews } from './interviews.table.ts';

export type InterviewRow = typeof interviews.$inferSelect;
export type NewInterview = Omit<typeof interviews.$inferInsert, 'id' | 'sequence' | 'status'>;
export type InterviewPatch = Partial<Pick<InterviewRow, 'kind' | 'status' | 'startAt' | 'endAt' | 'timeZone' | 'location' | 'videoUrl' | 'agenda' | 'interviewerIds' | 'cancelReason'>>;
/** An interview with whom it is with: the candidate is read through the application, which a merge moves. */
export interface InterviewWithCandidate {
  row: InterviewRow;
  candidate: { id: string; name: string };
}

const withCandidate = { row: interviews, candidate: { id: candidates.id, name: candidates.name } };
const visible = (access: JobAccess, ...conditions: (SQL | undefined)[]) => and(eq(interviews.orgId, access.orgId), jobsVisibleTo(access, interviews.jobId), ...conditions);

export function createInterviewsRepo() {
  const joined = (tx: DbExecutor) => tx.select(withCandidate).from(interviews)
    .innerJoin(applications, eq(applications.id, interviews.applicationId))
    .innerJoin(candidates, eq(candidates.id, applications.candidateId));

  /** The application, if the caller may see it. */
  async function visibleApplication(tx: DbExecutor, access: JobAccess, id: string): Promise<{ id: string; jobId: string; candidateId: string; status: ApplicationStatus } | null> {
    const [row] = await tx.select({ id: applications.id, jobId: applications.jobId, candidateId: applications.candidateId, status: applications.status })
      .from(applications).where(and(eq(applications.orgId, access.orgId), eq(applications.id, id), jobsVisibleTo(access, applications.jobId))).limit(1);
    return row ?? null;
  }

  return {
    visibleApplication,

    /** Whether `access` (someone else's: an interviewer's) reaches the application's job. */
    async jobVisible(tx: DbExecutor, access: JobAccess, applicationId: string): Promise<boolean> {
      return (await visibleApplication(tx, access, applicationId)) !== null;
    },

    async insert(tx: DbExecutor, row: NewInterview): Promise<InterviewRow> {
      const [inserted] = await tx.insert(interviews).values({ id: newId('intv'), ...row }).returning();
      if (!inserted) throw new Error('insert returned no row');
      return inserted;
    },

    /** The interview, if the caller may see it; `lock` takes it FOR UPDATE so two edits cannot both pass the state check. */
    async findVisible(tx: DbExecutor, access: JobAccess, id: string, lock: boolean): Promise<InterviewWithCandidate | null> {
      const query = joined(tx).where(visible(access, eq(interviews.id, id))).limit(1);
      const [found] = lock ? await query.for('update', { of: interviews }) : await query;
      return found ?? null;
    },

    /** Every interview of an application, soonest first (an application has a handful). */
    forApplication(tx: DbExecutor, access: JobAccess, applicationId: string): Promise<InterviewWithCandidate[]> {
      return joined(tx).where(visible(access, eq(interviews.applicationId, applicationId))).orderBy(asc(interviews.startAt), asc(interviews.id)).limit(500);
    },

    /** A page of the interviews `userId` is on that have not ended by `now`, soonest first. */
    upcomingFor(tx: DbExecutor, access: JobAccess, userId: string, query: { now: Date; after?: InterviewPosition; limit: number }): Promise<InterviewWithCandidate[]> {
      const { after } = query;
      return joined(tx).where(visible(
        access, arrayContains(interviews.interviewerIds, [userId]), eq(interviews.status, 'scheduled'), gt(interviews.endAt, query.now),
        after ? sql`(${interviews.startAt}, ${interviews.id}) > (${after.start}::timestamptz, ${after.id})` : undefined,
      )).orderBy(asc(interviews.startAt), asc(interviews.id)).limit(query.limit);
    },

    /** A page of the interviews `userId` was on that ended by `now` (cancelled ones left out), the latest first. */
    endedFor(tx: DbExecutor, access: JobAccess, userId: string, query: { now: Date; after?: InterviewPosition; limit: number }): Promise<InterviewWithCandidate[]> {
      const { after } = query;
      return joined(tx).where(visible(
        access, arrayContains(interviews.interviewerIds, [userId]), eq(interviews.status, 'scheduled'), lte(interviews.endAt, query.now),
        after ? sql`(${interviews.startAt}, ${interviews.id}) < (${after.start}::timestamptz, ${after.id})` : undefined,
      )).orderBy(desc(interviews.startAt), desc(interviews.id)).limit(query.limit);
    },

    /** What a person's calendar feed holds: their interviews ending after `since`, cancelled ones too (so calendars drop them). */
    feedFor(tx: DbExecutor, access: JobAccess, userId: string, since: Date, limit: number): Promise<InterviewWithCandidate[]> {
      return joined(tx).where(visible(access, arrayContains(interviews.interviewerIds, [userId]), gte(interviews.endAt, since)))
        .orderBy(asc(interviews.startAt), asc(interviews.id)).limit(limit);
    },

    /** Writes a change and bumps the sequence (the invite's and the ETag's). */
    async update(tx: DbExecutor, id: string, patch: InterviewPatch, at: Date): Promise<InterviewRow> {
      const [row] = await tx.update(interviews).set({ ...patch, updatedAt: at, sequence: sql`${interviews.sequence} + 1` }).where(eq(interviews.id, id)).returning();
      if (!row) throw new Error(`interview ${id} vanished under its lock`);
      return row;
    },
  };
}
export type InterviewsRepo = ReturnType<typeof createInterviewsRepo>;
