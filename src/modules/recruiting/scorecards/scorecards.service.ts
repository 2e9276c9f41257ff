import { AppError, notFound, type FieldProblem } from '../../../app-error.ts';
import type { Database, DbExecutor } from '../../../infra/db/database.ts';
import { authorize, type JobAccess, type Principal } from '../../access/index.ts';
import type { EventsService } from '../../events/index.ts';
import type { ApplicationsRepo } from '../applications/index.ts';
import type { CriteriaRepo, CriterionRow } from './criteria.repo.ts';
import type { DraftContent, InterviewForScorecard, ScorecardsRepo, ScorecardWithLatest } from './scorecards.repo.ts';
import type { Scorecard, ScorecardInput } from './scorecards.schemas.ts';
import type { Rating } from './scorecards.table.ts';
import { toScorecard, type Viewer } from './scorecards.visibility.ts';

export interface ScorecardsServiceDeps {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  repo: ScorecardsRepo;
  criteria: Pick<CriteriaRepo, 'list'>;
  history: Pick<ApplicationsRepo, 'addHistory'>;
  clock?: () => Date;
}

const invalid = (detail: string, fields: FieldProblem[]): AppError => new AppError('validation-failed', detail, { fields });

/** Ratings by criterion id → ratings as stored, in the job's order with the criteria's current names (400 at each bad one). */
function checkRatings(given: readonly { criterionId: string; rating: number }[], criteria: readonly CriterionRow[], origin: string): Rating[] {
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  given.forEach((r, i) => {
    if (!byId.has(r.criterionId)) problems.push({ field: `ratings.${i}.criterionId`, detail: `is not a scorecard criterion of this job${origin}` });
    else if (seen.has(r.criterionId)) problems.push({ field: `ratings.${i}.criterionId`, detail: 'rates the same criterion twice' });
    seen.add(r.criterionId);
  });
  if (problems.length > 0) throw invalid(`The ratings are invalid: ${problems[0]?.field} ${problems[0]?.detail}`, problems);
  const rating = new Map(given.map((r) => [r.criterionId, r.rating]));
  return criteria.flatMap((c) => {
    const value = rating.get(c.id);
    return value === undefined ? [] : [{ criterionId: c.id, criterion: c.name, rating: value }];
  });
}

/** Undefined accepts any revision; otherwise the scorecard must be at one of them. */
function checkRevision(found: ScorecardWithLatest, expected: readonly number[] | undefined): void {
  if (expected === undefined || expected.includes(found.card.revision)) return;
  throw new AppError('version-conflict', `The scorecard is at revision ${found.card.revision}, not the one If-Match names; fetch it again and retry`);
}

const contentOf = (input: ScorecardInput): Omit<DraftContent, 'ratings'> & { ratings: { criterionId: string; rating: number }[] } => ({
  ratings: input.ratings ?? [], notes: input.notes?.trim() || null, recommendation: input.recommendation ?? null,
});

/** Writing one's own scorecard: drafts, and submitting them. */
export function createScorecardsService({ database, events, repo, criteria, history, clock = () => new Date() }: ScorecardsServiceDeps) {
  /** The caller as the author: a person named on the interview, which still stands. */
  async function authorOf(tx: DbExecutor, access: JobAccess, userId: string, interviewId: string): Promise<InterviewForScorecard> {
    const interview = await repo.interview(tx, access, interviewId);
    if (!interview) throw notFound('Interview');
    if (!interview.interviewerIds.includes(userId)) throw new AppError('forbidden', 'Only an interviewer named on this interview writes a scorecard for it');
    if (interview.status === 'cancelled') throw new AppError('invalid-state-transition', 'The interview was cancelled; it takes no scorecards');
    return interview;
  }

  function personOf(principal: Principal): { access: JobAccess; userId: string; viewer: Viewer } {
    const access = authorize(principal, 'candidates:read');
    if (principal.actor.kind !== 'user') throw new AppError('forbidden', 'Scorecards are a person\'s own: an interviewer named on the interview writes and reads theirs, not an API key');
    const { userId } = principal.actor;
    // The author sees their own card whole; others' are not part of these answers.
    return { access, userId, viewer: { userId, seesAll: false, submittedOwn: false } };
  }

  return {
    /** The caller's scorecard for the interview. */
    async mine(principal: Principal, interviewId: string): Promise<Scorecard> {
      const { access, userId, viewer } = personOf(principal);
      const found = await database.tenant(access.orgId, async (tx) => {
        if (!(await repo.interview(tx, access, interviewId))) throw notFound('Interview');
        return repo.mine(tx, access.orgId, interviewId, userId);
      });
      if (!found) throw notFound('Your scorecard for this interview');
      return toScorecard(viewer, found);
    },

    /** Saves the caller's draft (the whole of it, as PUT does); after a submit it starts the next version. */
    async saveDraft(principal: Principal, interviewId: string, input: ScorecardInput, expected: readonly number[] | undefined): Promise<Scorecard> {
      const { access, userId, viewer } = personOf(principal);
      return database.tenant(access.orgId, async (tx) => {
        const interview = await authorOf(tx, access, userId, interviewId);
        const now = clock();
        const current = await repo.lockOrCreate(tx, access.orgId, interview, userId, now);
        checkRevision(current, expected);
        const content = contentOf(input);
        const ratings = checkRatings(content.ratings, await criteria.list(tx, access.orgId, interview.jobId), '');
        const card = await repo.saveDraft(tx, current.card.id, { ...content, ratings }, now);
        return toScorecard(viewer, { card, latest: current.latest });
      });
    },

    /**
     * Submits the draft (or `input`, which replaces it) as the next version. A submitted version is final;
     * the earlier ones stay readable. Needs a recommendation.
     */
    async submit(principal: Principal, interviewId: string, input: ScorecardInput | undefined, expected: readonly number[] | undefined): Promise<Scorecard> {
      const { access, userId, viewer } = personOf(principal);
      return events.withEvents(access.orgId, async (tx, record) => {
        const interview = await authorOf(tx, access, userId, interviewId);
        const now = clock();
        const current = await repo.lockOrCreate(tx, access.orgId, interview, userId, now);
        checkRevision(current, expected);
        const { card } = current;
        if (!input && !card.draftSavedAt) {
          throw new AppError('invalid-state-transition', card.submittedVersion > 0
            ? 'There is no draft to submit: the scorecard was submitted and not edited since; save an edit with PUT first'
            : 'There is no draft to submit; save one with PUT first, or send the scorecard in this request');
        }
        const content = input ? contentOf(input) : { ratings: card.draftRatings ?? [], notes: card.draftNotes, recommendation: card.draftRecommendation };
        const ratings = checkRatings(content.ratings, await criteria.list(tx, access.orgId, interview.jobId), input ? '' : ' (any more: save the draft again)');
        const { recommendation } = content;
        if (!recommendation) throw invalid('A scorecard is submitted with a recommendation', [{ field: 'recommendation', detail: 'is required to submit (strong_no, no, yes or strong_yes)' }]);
        const submitted = await repo.submit(tx, card, { ratings, notes: content.notes, recommendation }, now);
        const version = submitted.card.submittedVersion;
        await history.addHistory(tx, [{
          orgId: access.orgId, applicationId: card.applicationId, action: 'scorecard_submitted', actorType: 'user', actorId: userId,
          details: { scorecardId: card.id, interviewId, version, recommendation }, at: now,
        }]);
        record({
          orgId: access.orgId, type: 'scorecard.submitted', subjectId: card.id,
          payload: { scorecardId: card.id, applicationId: card.applicationId, interviewId, jobId: card.jobId, interviewerId: userId, version, recommendation, ratings },
        });
        return toScorecard(viewer, submitted);
      });
    },
  };
}
export type ScorecardsService = ReturnType<typeof createScorecardsService>;
