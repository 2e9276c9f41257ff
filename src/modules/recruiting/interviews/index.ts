// Interviews: scheduling them for applications, their iCalendar invites, each person's private calendar feed,
// and self-scheduling (interviewers' availability, links candidates book a slot through).
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../../infra/db/database.ts';
import type { EventsService } from '../../events/index.ts';
import { createApplicationsRepo } from '../applications/index.ts';
import type { CandidateEmails } from '../emails/index.ts';
import { createAvailabilityRepo } from './availability.repo.ts';
import { createAvailabilityService } from './availability.service.ts';
import { createBookingService } from './booking.service.ts';
import { createCalendarFeedsRepo } from './calendar-feeds.repo.ts';
import { createCalendarFeedsService } from './calendar-feeds.service.ts';
import { parseMailbox, type MemberContacts } from './interviews.people.ts';
import { createInterviewsRepo } from './interviews.repo.ts';
import { interviewsRoutes } from './interviews.routes.ts';
import { createInterviewsService } from './interviews.service.ts';
import { createSchedulingLinksRepo } from './scheduling-links.repo.ts';
import { createSchedulingLinksService } from './scheduling-links.service.ts';
import { selfSchedulingRoutes } from './self-scheduling.routes.ts';

export { interviewEvents } from './interviews.events.ts';
export { inviteAttachment } from './interviews.ics.ts';
export { InterviewSchema, type Interview } from './interviews.schemas.ts';
export type { MemberContact, MemberContacts } from './interviews.people.ts';
export type { InterviewsService } from './interviews.service.ts';
export type { BookingService } from './booking.service.ts';
export type { SchedulingPage } from './self-scheduling.schemas.ts';
export { readAccessOf } from './interviews.people.ts';

export function createInterviewsArea(deps: {
  database: Pick<Database, 'tenant' | 'unscoped'>;
  events: Pick<EventsService, 'withEvents'>;
  /** Email, name and role of the members among some user ids (the identity module's). */
  contacts: MemberContacts;
  /** MAIL_FROM: the organizer of interviews no person scheduled. */
  mailFrom: string;
  publicBaseUrl: string;
  /** The invitation and scheduling-link emails to candidates. */
  emails?: Pick<CandidateEmails, 'prepare' | 'interview' | 'schedulingLink'>;
  clock?: () => Date;
}) {
  const repo = createInterviewsRepo();
  const sender = parseMailbox(deps.mailFrom);
  const service = createInterviewsService({ ...deps, repo, history: createApplicationsRepo(), sender });
  const feeds = createCalendarFeedsService({ ...deps, repo: createCalendarFeedsRepo(), interviews: repo, sender });
  const availabilityRepo = createAvailabilityRepo();
  const linksRepo = createSchedulingLinksRepo();
  const availability = createAvailabilityService({ ...deps, repo: availabilityRepo });
  const links = createSchedulingLinksService({ ...deps, repo: linksRepo, interviews: repo, interviewers: service });
  const booking = createBookingService({ ...deps, links: linksRepo, availability: availabilityRepo, interviews: service });
  const routes: FastifyPluginAsync[] = [interviewsRoutes(service, feeds), selfSchedulingRoutes(availability, links, booking)];
  return { service, feeds, availability, links, booking, routes };
}
export type InterviewsArea = ReturnType<typeof createInterviewsArea>;
