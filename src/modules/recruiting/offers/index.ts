// Offers: drafting them for applications, their versions of terms, approval by named approvers, and the candidate's answer.
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../../infra/db/database.ts';
import type { EventsService } from '../../events/index.ts';
import type { JobsService } from '../../jobs/index.ts';
import { createApplicationsRepo, type ApplicationActions } from '../applications/index.ts';
import type { MemberContacts } from '../interviews/index.ts';
import type { PipelinesRepo } from '../pipelines/index.ts';
import { createOfferSettingsService } from './offer-settings.service.ts';
import { createOffersRepo } from './offers.repo.ts';
import { createOfferResponses } from './offers.responses.ts';
import { offersRoutes } from './offers.routes.ts';
import { createOffersService, type OffersServiceDeps } from './offers.service.ts';
import { offerWrites } from './offers.writes.ts';

export { offerEvents } from './offers.events.ts';
export { CandidateOfferTermsSchema, OfferSchema, OfferTermsSchema, type CandidateOffer, type Offer } from './offers.schemas.ts';
export { toTerms as toOfferTerms } from './offers.mapping.ts';
export type { OfferResponse, OfferResponses } from './offers.responses.ts';

export function createOffersArea(deps: {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  /** Email, name and role of the members among some user ids (the identity module's): approvers must be members. */
  contacts: MemberContacts;
  /** The applications area's actions: an accepted offer hires through them. */
  applications: Pick<ApplicationActions, 'actWithin'>;
  stagesOf: PipelinesRepo['stagesOf'];
  jobs: Pick<JobsService, 'fillOpening'>;
  emails?: OffersServiceDeps['emails'];
  clock?: () => Date;
}) {
  const repo = createOffersRepo();
  const history = createApplicationsRepo();
  const offers = createOffersService({ ...deps, repo, history });
  const responses = createOfferResponses({ ...deps, repo, writes: offerWrites(repo, history) });
  const settings = createOfferSettingsService({ database: deps.database, repo, clock: deps.clock });
  const routes: FastifyPluginAsync[] = [offersRoutes(offers, responses, settings)];
  /** `awaitingCandidate` and `respondAsCandidate(orgId, offerId, 'accept' | 'decline')` are what the candidate status page calls. */
  const service = { ...offers, ...responses };
  return { service, settings, routes };
}
export type OffersArea = ReturnType<typeof createOffersArea>;
