import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { queryRows, type DbExecutor } from '../../../infra/db/database.ts';
import { applicationHistory, applications } from '../applications/applications.table.ts';
import { attachments } from '../attachments/attachments.table.ts';
import { candidateEmails, candidateMerges, candidatePhones, candidates } from '../candidates/candidates.table.ts';
import { eeoAnswers } from '../equal-opportunity/eeo.table.ts';
import { interviews } from '../interviews/interviews.table.ts';
import { schedulingLinks } from '../interviews/self-scheduling.table.ts';
import { notes } from '../notes/notes.table.ts';
import { scorecards, scorecardVersions } from '../scorecards/scorecards.table.ts';
import { candidateStatusLinks } from '../status/status.table.ts';
import { createErasureRequestsRepo } from './rights.requests.repo.ts';
import { ERASED_FILE_NAME, ERASED_NAME } from './rights.schemas.ts';

export interface ErasedRows {
  applicationIds: string[];
  noteIds: string[];
  /** Interviews of the erased applications: kept (interviewers' calendars), without agenda or cancel reason. */
  interviewIds: string[];
  /** Scheduling links of the erased applications: deleted (their agenda may name the person; an open one could still book). */
  schedulingLinkIds: string[];
  /** File-store keys of the erased files: their bytes are deleted once the transaction commits. */
  storeKeys: string[];
}

/** The writes of an erasure: every table of the recruiting module that holds a candidate's personal data. */
export function createRightsEraseRepo() {
  const requests = createErasureRequestsRepo();
  return {
    async lock(tx: DbExecutor, orgId: string, id: string): Promise<{ id: string; name: string; nameKey: string; mergedInto: string | null } | null> {
      const [row] = await tx.select({ id: candidates.id, name: candidates.name, nameKey: candidates.nameKey, mergedInto: candidates.mergedInto })
        .from(candidates).where(and(eq(candidates.orgId, orgId), eq(candidates.id, id))).for('update');
      return row ?? null;
    },

    /**
     * Every record merged into `id`, directly or through another merged one, locked. The caller holds
     * `id` locked, so no merge into it can finish meanwhile; merged-away records are never merged again.
     */
    async lockMergedInto(tx: DbExecutor, orgId: string, id: string): Promise<string[]> {
      const found = await queryRows<{ id: string }>(tx, sql`
        with recursive merged(id) as (
          select id from ${candidates} where org_id = ${orgId} and merged_into = ${id}
          union
          select c.id from ${candidates} c join merged m on c.merged_into = m.id where c.org_id = ${orgId}
        ) select id from merged`);
      if (found.length === 0) return [];
      const locked = await tx.select({ id: candidates.id }).from(candidates)
        .where(and(eq(candidates.orgId, orgId), inArray(candidates.id, found.map((f) => f.id)))).orderBy(asc(candidates.id)).for('update');
      return locked.map((r) => r.id);
    },

    async emailCount(tx: DbExecutor, candidateId: string): Promise<number> {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(candidateEmails).where(eq(candidateEmails.candidateId, candidateId));
      return row?.n ?? 0;
    },

    /**
     * Clears the personal data of these candidates everywhere it is kept. Applications stay, with their
     * job, stage, status, source and dates (so reports count them), but without answers, cover letter,
     * consents, equal-opportunity answers or free-text notes; notes about the candidates are deleted; scorecards keep
     * their ratings but lose their notes; files lose name, hash and text.
     */
    async scrub(tx: DbExecutor, orgId: string, ids: readonly string[], now: Date): Promise<ErasedRows> {
      const cands = [...ids];
      const apps = await tx.update(applications).set({
        answers: {}, coverLetter: null, consent: null, futureRolesConsentedAt: null, rejectionNote: null, sourceDetail: null, updatedAt: now, version: sql`${applications.version} + 1`,
      }).where(and(eq(applications.orgId, orgId), inArray(applications.candidateId, cands))).returning({ id: applications.id });
      const applicationIds = apps.map((a) => a.id);
      let interviewIds: string[] = [];
      let schedulingLinkIds: string[] = [];
      if (applicationIds.length > 0) {
        // Equal-opportunity answers are deleted, not kept for counting: they are special-category data about the person.
        await tx.delete(eeoAnswers).where(and(eq(eeoAnswers.orgId, orgId), inArray(eeoAnswers.applicationId, applicationIds)));
        await tx.update(applicationHistory).set({ note: null })
          .where(and(eq(applicationHistory.orgId, orgId), inArray(applicationHistory.applicationId, applicationIds)));
        // An agenda or a cancel reason may name the candidate; the slot itself stays on the interviewers' calendars.
        interviewIds = (await tx.update(interviews).set({ agenda: null, cancelReason: null })
          .where(and(eq(interviews.orgId, orgId), inArray(interviews.applicationId, applicationIds))).returning({ id: interviews.id })).map((i) => i.id);
        // Ratings and recommendations stay (how the team judged, for reports); the notes, free text about the person, go.
        const cards = await tx.update(scorecards).set({ draftNotes: null })
          .where(and(eq(scorecards.orgId, orgId), inArray(scorecards.applicationId, applicationIds))).returning({ id: scorecards.id });
        if (cards.length > 0) {
          await tx.update(scorecardVersions).set({ notes: null })
            .where(and(eq(scorecardVersions.orgId, orgId), inArray(scorecardVersions.scorecardId, cards.map((c) => c.id))));
        }
        schedulingLinkIds = (await tx.delete(schedulingLinks)
          .where(and(eq(schedulingLinks.orgId, orgId), inArray(schedulingLinks.applicationId, applicationIds))).returning({ id: schedulingLinks.id })).map((l) => l.id);
      }
      const deletedNotes = await tx.delete(notes).where(and(eq(notes.orgId, orgId), or(
        inArray(notes.candidateId, cands), applicationIds.length > 0 ? inArray(notes.applicationId, applicationIds) : undefined,
      ))).returning({ id: notes.id });
      const files = await tx.update(attachments).set({ fileName: ERASED_FILE_NAME, sha256: '', text: null, textStatus: 'none', textFailure: null })
        .where(and(eq(attachments.orgId, orgId), inArray(attachments.candidateId, cands))).returning({ storeKey: attachments.storeKey });
      // Their status-page link stops opening anything; their erasure requests are settled and lose their free text.
      await tx.delete(candidateStatusLinks).where(and(eq(candidateStatusLinks.orgId, orgId), inArray(candidateStatusLinks.candidateId, cands)));
      await requests.settleForErasure(tx, orgId, cands, now);
      await tx.delete(candidateEmails).where(and(eq(candidateEmails.orgId, orgId), inArray(candidateEmails.candidateId, cands)));
      await tx.delete(candidatePhones).where(and(eq(candidatePhones.orgId, orgId), inArray(candidatePhones.candidateId, cands)));
      // Who merged whom, and when, stays; the snapshot of the merged profile goes.
      await tx.update(candidateMerges).set({ mergedProfile: {} })
        .where(and(eq(candidateMerges.orgId, orgId), or(inArray(candidateMerges.keptId, cands), inArray(candidateMerges.mergedId, cands))));
      await tx.update(candidates).set({
        name: ERASED_NAME, nameKey: '', location: null, links: {}, tags: [], sourceDetail: null, customFields: {},
        searchProfile: '', searchNotes: '', searchResume: '', updatedAt: now, version: sql`${candidates.version} + 1`,
      }).where(and(eq(candidates.orgId, orgId), inArray(candidates.id, cands)));
      return { applicationIds, noteIds: deletedNotes.map((n) => n.id), interviewIds, schedulingLinkIds, storeKeys: files.map((f) => f.storeKey) };
    },
  };
}
export type RightsEraseRepo = ReturnType<typeof createRightsEraseRepo>;
