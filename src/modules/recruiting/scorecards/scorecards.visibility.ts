import type { ScorecardWithLatest, VersionRow } from './scorecards.repo.ts';
import type { Scorecard, ScorecardVersion } from './scorecards.schemas.ts';

/**
 * Who is looking at an application's scorecards. The anti-anchoring rule (Greenhouse's): someone who
 * manages the application (candidates:write over its job: recruiters, its hiring managers, admins,
 * owners, write keys) sees every submitted scorecard; anyone else (interviewers, viewers, read-only keys)
 * sees other people's only once they have submitted their own for that application. A draft is its
 * author's alone.
 */
export interface Viewer {
  userId: string | null;
  seesAll: boolean;
  submittedOwn: boolean;
}

export const othersVisible = (viewer: Viewer): boolean => viewer.seesAll || viewer.submittedOwn;
export const isOwn = (viewer: Viewer, found: ScorecardWithLatest): boolean => viewer.userId !== null && found.card.interviewerId === viewer.userId;

/** Whether the viewer may see the scorecard: their own always, anyone else's once submitted and the rule allows. */
export const maySee = (viewer: Viewer, found: ScorecardWithLatest): boolean =>
  isOwn(viewer, found) || (found.latest !== null && othersVisible(viewer));

export const toVersion = (row: VersionRow): ScorecardVersion => ({
  version: row.version, ratings: row.ratings, notes: row.notes, recommendation: row.recommendation, submittedAt: row.submittedAt.toISOString(),
});

/** The scorecard as the viewer sees it: the draft only for its author. */
export function toScorecard(viewer: Viewer, found: ScorecardWithLatest): Scorecard {
  const { card, latest } = found;
  const draft = isOwn(viewer, found) && card.draftSavedAt
    ? { ratings: card.draftRatings ?? [], notes: card.draftNotes, recommendation: card.draftRecommendation, savedAt: card.draftSavedAt.toISOString() }
    : null;
  return {
    id: card.id, applicationId: card.applicationId, interviewId: card.interviewId, jobId: card.jobId, interviewerId: card.interviewerId,
    revision: card.revision, submitted: latest ? toVersion(latest) : null, draft, createdAt: card.createdAt.toISOString(), updatedAt: card.updatedAt.toISOString(),
  };
}
