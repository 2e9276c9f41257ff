import { AppError, notFound } from '../../../app-error.ts';
import type { Database, DbExecutor } from '../../../infra/db/database.ts';
import { authorize, type JobAccess, type Principal } from '../../access/index.ts';
import type { CriteriaRepo } from './criteria.repo.ts';
import type { ScorecardsRepo, ScorecardWithLatest } from './scorecards.repo.ts';
import type { Scorecard, ScorecardSummary, ScorecardWithVersions } from './scorecards.schemas.ts';
import { isOwn, maySee, othersVisible, toScorecard, toVersion, type Viewer } from './scorecards.visibility.ts';

export interface ScorecardReadsDeps {
  database: Pick<Database, 'tenant'>;
  repo: ScorecardsRepo;
  criteria: Pick<CriteriaRepo, 'list'>;
}

const mean = (values: readonly number[]): number | null =>
  (values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100);

/** Reading an application's scorecards, under the rule of scorecards.visibility.ts. */
export function createScorecardReads({ database, repo, criteria }: ScorecardReadsDeps) {
  /** The caller as a viewer of the application's scorecards. */
  async function viewerOf(tx: DbExecutor, principal: Principal, access: JobAccess, applicationId: string): Promise<Viewer> {
    const userId = principal.actor.kind === 'user' ? principal.actor.userId : null;
    const manager = principal.grants.has('candidates:write') ? authorize(principal, 'candidates:write') : null;
    const seesAll = manager !== null && (await repo.application(tx, manager, applicationId)) !== null;
    const submittedOwn = !seesAll && userId !== null && (await repo.hasSubmitted(tx, access.orgId, applicationId, userId));
    return { userId, seesAll, submittedOwn };
  }

  /** The application's scorecards the caller may see, and who they are as a viewer (404 if the application is out of reach). */
  async function visibleFor(tx: DbExecutor, principal: Principal, access: JobAccess, applicationId: string) {
    const application = await repo.application(tx, access, applicationId);
    if (!application) throw notFound('Application');
    const viewer = await viewerOf(tx, principal, access, applicationId);
    const all = await repo.forApplication(tx, access.orgId, applicationId);
    return { application, viewer, all, cards: all.filter((found) => maySee(viewer, found)) };
  }

  return {
    async forApplication(principal: Principal, applicationId: string): Promise<{ data: Scorecard[]; othersHidden: boolean }> {
      const access = authorize(principal, 'candidates:read');
      const { viewer, cards } = await database.tenant(access.orgId, (tx) => visibleFor(tx, principal, access, applicationId));
      return { data: cards.map((found) => toScorecard(viewer, found)), othersHidden: !othersVisible(viewer) };
    },

    /** One scorecard with every submitted version. Someone else's draft is 404; a submitted one hidden by the rule is 403. */
    async get(principal: Principal, id: string): Promise<ScorecardWithVersions> {
      const access = authorize(principal, 'candidates:read');
      return database.tenant(access.orgId, async (tx) => {
        const found: ScorecardWithLatest | null = await repo.find(tx, access, id);
        if (!found) throw notFound('Scorecard');
        const viewer = await viewerOf(tx, principal, access, found.card.applicationId);
        if (!isOwn(viewer, found) && found.latest === null) throw notFound('Scorecard');
        if (!maySee(viewer, found)) throw new AppError('forbidden', 'Submit your own scorecard for this application first: until then other interviewers\' are hidden');
        const versions = await repo.versions(tx, access.orgId, id);
        return { ...toScorecard(viewer, found), versions: versions.map(toVersion) };
      });
    },

    /**
     * What the hiring team decides on: the submitted scorecards the caller may see, their recommendations
     * counted, each criterion's mean rating, and who still owes a scorecard.
     */
    async summary(principal: Principal, applicationId: string): Promise<ScorecardSummary> {
      const access = authorize(principal, 'candidates:read');
      return database.tenant(access.orgId, async (tx) => {
        const { application, viewer, all, cards } = await visibleFor(tx, principal, access, applicationId);
        const submitted = cards.filter((found) => found.latest !== null);
        const counts: ScorecardSummary['recommendations'] = { strong_no: 0, no: 0, yes: 0, strong_yes: 0 };
        for (const { latest } of submitted) if (latest) counts[latest.recommendation] += 1;
        const jobCriteria = await criteria.list(tx, access.orgId, application.jobId);
        const ratingsOf = (criterionId: string) => submitted.flatMap(({ latest }) => latest?.ratings.filter((r) => r.criterionId === criterionId).map((r) => r.rating) ?? []);
        // Who owes one is not what they think, so it is shown whatever the rule hides.
        const done = new Set(all.filter((f) => f.latest !== null).map((f) => `${f.card.interviewId} ${f.card.interviewerId}`));
        const pending = (await repo.scheduledInterviews(tx, access.orgId, applicationId)).flatMap((interview) => interview.interviewerIds
          .filter((interviewerId) => !done.has(`${interview.id} ${interviewerId}`))
          .map((interviewerId) => ({ interviewId: interview.id, interviewerId, start: interview.startAt.toISOString() })));
        return {
          applicationId, othersHidden: !othersVisible(viewer), submitted: submitted.map((found) => toScorecard(viewer, found)), recommendations: counts,
          criteria: jobCriteria.map((c) => {
            const values = ratingsOf(c.id);
            return { criterionId: c.id, name: c.name, ratings: values.length, average: mean(values) };
          }),
          pending,
        };
      });
    },
  };
}
export type ScorecardReads = ReturnType<typeof createScorecardReads>;
