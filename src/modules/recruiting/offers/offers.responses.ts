import { AppError, notFound } from '../../../app-error.ts';
import type { Database, DbExecutor } from '../../../infra/db/database.ts';
import { auditActor, authorize, type JobAccess, type Principal } from '../../access/index.ts';
import type { EventsService, RecordEvent } from '../../events/index.ts';
import type { JobsService } from '../../jobs/index.ts';
import type { ApplicationActions, HistoryActor } from '../applications/index.ts';
import type { PipelinesRepo } from '../pipelines/index.ts';
import { toCandidateOffer } from './offers.mapping.ts';
import type { OfferWithTerms, OffersRepo } from './offers.repo.ts';
import { requireStatus } from './offers.rules.ts';
import type { CandidateOffer, Offer } from './offers.schemas.ts';
import type { OfferWrites } from './offers.writes.ts';

export type OfferResponse = 'accept' | 'decline';

export interface OfferResponsesDeps {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  repo: OffersRepo;
  writes: OfferWrites;
  /** The applications area's own action, so a hire moves the application exactly as a recruiter's move would. */
  applications: Pick<ApplicationActions, 'actWithin'>;
  stagesOf: PipelinesRepo['stagesOf'];
  jobs: Pick<JobsService, 'fillOpening'>;
  clock?: () => Date;
}

/** The candidate's answer to a sent offer, recorded by a recruiter or given by the candidate on their status page. */
export function createOfferResponses({ database, events, repo, writes, applications, stagesOf, jobs, clock = () => new Date() }: OfferResponsesDeps) {
  /**
   * Accepting hires: the application moves to its job's (first) hired stage through the applications
   * area's transition, one opening of the job is filled (closing it if that was the last and the job
   * says so), all in the answer's transaction. The candidate's other applications are left as they are.
   */
  async function respond(tx: DbExecutor, record: RecordEvent, access: JobAccess, actor: HistoryActor, found: OfferWithTerms, response: OfferResponse, note: string | null): Promise<Offer> {
    const { row: before } = found;
    requireStatus(before, ['sent'], response);
    let jobClosed = false;
    if (response === 'accept') {
      const hired = (await stagesOf(tx, before.orgId, before.jobId)).find((s) => s.kind === 'hired');
      if (!hired) throw new AppError('invalid-state-transition', 'The job\'s pipeline has no stage of kind hired to move the application to; add one first');
      await applications.actWithin(tx, record, access, actor, before.applicationId, { kind: 'move', stageId: hired.id });
      jobClosed = (await jobs.fillOpening(tx, record, before.orgId, before.jobId)).closed;
    }
    // After the hire's own entries, so the offer's answer follows them in the application's history.
    const at = clock();
    const row = await repo.update(tx, before.id, {
      status: response === 'accept' ? 'accepted' : 'declined', respondedAt: at, respondedBy: actor.type, responseNote: note,
    }, at);
    return writes.settle(tx, record, actor, found, {
      row, history: [{ action: response === 'accept' ? 'offer_accepted' : 'offer_declined', note }],
      record: (offer, add) => {
        const base = { orgId: row.orgId, subjectId: row.id };
        if (response === 'decline') return add({ ...base, type: 'offer.declined', payload: { offer } });
        add({ ...base, type: 'offer.accepted', payload: { offer } });
        add({
          orgId: row.orgId, type: 'candidate.hired', subjectId: found.candidateId,
          payload: { candidateId: found.candidateId, applicationId: row.applicationId, jobId: row.jobId, offerId: row.id, jobClosed },
        });
      },
    }, at);
  }

  return {
    /** The candidate's offers awaiting their answer, as their status page lists them (no principal: the page's link said who they are). */
    async awaitingCandidate(orgId: string, candidateId: string): Promise<CandidateOffer[]> {
      return (await database.tenant(orgId, (tx) => repo.sentTo(tx, orgId, candidateId))).map(toCandidateOffer);
    },

    /** A recruiter records the candidate's answer (candidates:write on the job). */
    async respond(principal: Principal, id: string, response: OfferResponse, note: string | null, expected: readonly number[] | undefined): Promise<Offer> {
      const access = authorize(principal, 'candidates:write');
      const actor = auditActor(principal.actor);
      return events.withEvents(access.orgId, async (tx, record) => {
        const found = await writes.locked(tx, { access, approver: null }, id, expected);
        return respond(tx, record, access, actor, found, response, note);
      });
    },

    /**
     * The candidate answers through their status page, whose signed link has already said who they are:
     * no principal. Pass `candidateId` (the link's) and an offer to anyone else is not found.
     */
    async respondAsCandidate(orgId: string, offerId: string, response: OfferResponse, options: { candidateId?: string; note?: string } = {}): Promise<Offer> {
      const access: JobAccess = { orgId, assignedTo: null };
      return events.withEvents(orgId, async (tx, record) => {
        const found = await writes.locked(tx, { access, approver: null }, offerId);
        if (options.candidateId !== undefined && found.candidateId !== options.candidateId) throw notFound('Offer');
        return respond(tx, record, access, { type: 'candidate', id: found.candidateId }, found, response, options.note ?? null);
      });
    },
  };
}
export type OfferResponses = ReturnType<typeof createOfferResponses>;
