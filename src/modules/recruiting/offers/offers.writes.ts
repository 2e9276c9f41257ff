import { notFound } from '../../../app-error.ts';
import type { DbExecutor } from '../../../infra/db/database.ts';
import type { RecordEvent } from '../../events/index.ts';
import type { ApplicationsRepo, HistoryAction, HistoryActor } from '../applications/index.ts';
import { toOffer } from './offers.mapping.ts';
import type { OfferReach, OfferRow, OffersRepo, OfferVersionRow, OfferWithTerms } from './offers.repo.ts';
import { checkVersion } from './offers.rules.ts';
import type { Offer } from './offers.schemas.ts';

/** What a write leaves besides the offer row: its history entries and its events (given the offer as shown afterwards). */
export interface Outcome {
  row: OfferRow;
  history: { action: HistoryAction; note?: string | null; details?: Record<string, unknown> }[];
  record: (offer: Offer, record: RecordEvent) => void;
}

/** The steps every write of an offer shares, inside the writer's transaction. */
export function offerWrites(repo: OffersRepo, history: Pick<ApplicationsRepo, 'addHistory'>) {
  async function view(tx: DbExecutor, found: OfferWithTerms): Promise<Offer> {
    return toOffer(found, await repo.currentApprovals(tx, [found.row]));
  }

  return {
    view,

    /** The offer under its row lock, at one of the expected versions (If-Match). */
    async locked(tx: DbExecutor, reach: OfferReach, id: string, expected?: readonly number[]): Promise<OfferWithTerms> {
      const found = await repo.find(tx, reach, id, true);
      if (!found) throw notFound('Offer');
      checkVersion(found.row, expected);
      return found;
    },

    /** Writes an outcome's history and events, and answers the offer as it is now (with `terms` when they changed). */
    async settle(tx: DbExecutor, record: RecordEvent, actor: HistoryActor, found: OfferWithTerms, outcome: Outcome, at: Date, terms?: OfferVersionRow): Promise<Offer> {
      const { row } = outcome;
      const offer = await view(tx, { row, candidateId: found.candidateId, terms: terms ?? found.terms });
      await history.addHistory(tx, outcome.history.map((h) => ({
        orgId: row.orgId, applicationId: row.applicationId, action: h.action, actorType: actor.type, actorId: actor.id, note: h.note ?? null,
        details: { offerId: row.id, ...h.details }, at,
      })));
      outcome.record(offer, record);
      return offer;
    },
  };
}
export type OfferWrites = ReturnType<typeof offerWrites>;
