// The candidate's pages behind secret links: the status page (applications, interviews, offers, rights, in one org)
// and the booking page of a self-scheduling link.
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../../infra/db/database.ts';
import type { ApplicationActions } from '../applications/index.ts';
import type { BookingService, InterviewsService } from '../interviews/index.ts';
import type { OfferResponses } from '../offers/index.ts';
import type { ErasureRequestsService } from '../rights/index.ts';
import { statusHtmlRoutes } from './status.html.routes.ts';
import { createStatusLinksRepo } from './status.links.repo.ts';
import { createStatusPageRepo } from './status.page.repo.ts';
import { statusRoutes } from './status.routes.ts';
import { createStatusService, type StatusServiceDeps } from './status.service.ts';

export { STATUS_LINK_DAYS, StatusOfferSchema, type StatusOffer } from './status.schemas.ts';
export { createStatusLinksRepo, type StatusLinksRepo } from './status.links.repo.ts';

export function createStatusArea(deps: {
  database: Pick<Database, 'tenant' | 'unscoped'>;
  actions: Pick<ApplicationActions, 'withdrawByCandidate'>;
  interviews: Pick<InterviewsService, 'candidateInvite'>;
  /** Self-scheduling links, whose booking page lives here with the status page. */
  booking: Pick<BookingService, 'view' | 'book'>;
  erasureRequests: Pick<ErasureRequestsService, 'request' | 'latest'>;
  jobTitle: (orgId: string, jobId: string) => Promise<string | null>;
  offers: Pick<OfferResponses, 'awaitingCandidate' | 'respondAsCandidate'>;
  publicBaseUrl: string;
  emails?: StatusServiceDeps['emails'];
  clock?: () => Date;
}) {
  const service = createStatusService({ ...deps, links: createStatusLinksRepo(), page: createStatusPageRepo(), clock: deps.clock ?? (() => new Date()) });
  const routes: FastifyPluginAsync[] = [statusRoutes(service), statusHtmlRoutes(service, deps.booking)];
  return { service, routes };
}
