import { and, asc, eq, gt } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { applications, type ApplicationStatus } from '../applications/applications.table.ts';
import { candidates } from '../candidates/candidates.table.ts';
import { interviews, type InterviewKind } from '../interviews/interviews.table.ts';
import { jobStages } from '../pipelines/pipelines.table.ts';

export interface StatusApplicationRow {
  id: string;
  jobId: string;
  status: ApplicationStatus;
  appliedAt: Date;
  /** The stage's candidate-facing name, never its internal one. */
  stageName: string;
}

export interface StatusInterviewRow {
  id: string;
  applicationId: string;
  jobId: string;
  kind: InterviewKind;
  startAt: Date;
  endAt: Date;
  timeZone: string;
  location: string | null;
  videoUrl: string | null;
}

/** A merge chain is a handful of records at most; the bound only stops a cycle from looping. */
const MAX_MERGE_HOPS = 20;

/** What a candidate's status page reads: only columns meant for the candidate's eyes. */
export function createStatusPageRepo() {
  return {
    /** The candidate a link names, following merges to the record that now holds their applications. */
    async candidate(tx: DbExecutor, orgId: string, id: string): Promise<{ id: string; name: string } | null> {
      let current = id;
      for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
        const [row] = await tx.select({ id: candidates.id, name: candidates.name, mergedInto: candidates.mergedInto }).from(candidates)
          .where(and(eq(candidates.orgId, orgId), eq(candidates.id, current)));
        if (!row) return null;
        if (!row.mergedInto) return { id: row.id, name: row.name };
        current = row.mergedInto;
      }
      return null;
    },

    applications(tx: DbExecutor, orgId: string, candidateId: string): Promise<StatusApplicationRow[]> {
      return tx.select({
        id: applications.id, jobId: applications.jobId, status: applications.status, appliedAt: applications.appliedAt, stageName: jobStages.candidateName,
      }).from(applications).innerJoin(jobStages, eq(jobStages.id, applications.stageId))
        .where(and(eq(applications.orgId, orgId), eq(applications.candidateId, candidateId)))
        .orderBy(asc(applications.appliedAt), asc(applications.id)).limit(200);
    },

    /** Scheduled interviews of the candidate's open applications that have not ended, soonest first. */
    upcomingInterviews(tx: DbExecutor, orgId: string, candidateId: string, now: Date): Promise<StatusInterviewRow[]> {
      return tx.select({
        id: interviews.id, applicationId: interviews.applicationId, jobId: interviews.jobId, kind: interviews.kind, startAt: interviews.startAt, endAt: interviews.endAt,
        timeZone: interviews.timeZone, location: interviews.location, videoUrl: interviews.videoUrl,
      }).from(interviews).innerJoin(applications, eq(applications.id, interviews.applicationId))
        .where(and(eq(interviews.orgId, orgId), eq(applications.candidateId, candidateId), eq(applications.status, 'active'), eq(interviews.status, 'scheduled'), gt(interviews.endAt, now)))
        .orderBy(asc(interviews.startAt), asc(interviews.id)).limit(100);
    },
  };
}
export type StatusPageRepo = ReturnType<typeof createStatusPageRepo>;
