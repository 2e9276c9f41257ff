import { AppError } from '../../../app-error.ts';
import { hashSecretToken, looksLikeSecretToken } from '../../../infra/crypto/secret-tokens.ts';
import type { Database, DbExecutor } from '../../../infra/db/database.ts';
import type { EventsService } from '../../events/index.ts';
import type { AvailabilityRepo } from './availability.repo.ts';
import { invalid } from './interviews.rules.ts';
import type { InterviewsService } from './interviews.service.ts';
import type { SchedulingLinkRow, SchedulingLinksRepo } from './scheduling-links.repo.ts';
import { toSchedulingLink } from './scheduling-links.service.ts';
import type { BookingInput, SchedulingPage } from './self-scheduling.schemas.ts';
import { freeSlots, isFreeSlot, joinSpans, localDateTime, type SlotQuery, type Span } from './slots.ts';
import { weeklySpans } from './weekly-hours.ts';
import { canonicalTimeZone } from './zoned-date.ts';

export interface BookingDeps {
  database: Pick<Database, 'tenant' | 'unscoped'>;
  events: Pick<EventsService, 'withEvents'>;
  links: SchedulingLinksRepo;
  availability: AvailabilityRepo;
  interviews: Pick<InterviewsService, 'prepareSchedule' | 'prepareInvitation'>;
  clock?: () => Date;
}

const MINUTE = 60_000;
// One answer for unknown, expired and revoked tokens, so a token reveals nothing about a link it does not open.
const unusable = () => new AppError('scheduling-link-invalid', 'This scheduling link is unknown, expired or revoked; ask the recruiter for a new one');
const used = () => new AppError('scheduling-link-used', 'This link has already booked an interview; ask the recruiter if you need another time');
const slotTaken = () => new AppError('slot-unavailable', 'That time is not free (any more); fetch the free slots again and pick another');

function zoneOf(name: string | undefined, field: string): string {
  if (name === undefined) return 'UTC';
  const zone = canonicalTimeZone(name);
  if (!zone) throw invalid('The time zone is not valid', [{ field, detail: 'is not an IANA time zone (such as Europe/Paris)' }]);
  return zone;
}

const slotIn = ({ start, end }: Span, timeZone: string) => ({
  start: new Date(start).toISOString(), end: new Date(end).toISOString(), localStart: localDateTime(start, timeZone), localEnd: localDateTime(end, timeZone),
});

/** The candidate's side of self-scheduling, by the link's token alone (no account). */
export function createBookingService({ database, events, links, availability, interviews, clock = () => new Date() }: BookingDeps) {
  /**
   * The link a token opens while it works: not revoked, not expired, its application still active (a
   * booked one still opens, to show the booking).
   */
  async function open(token: string, now: Date): Promise<SchedulingLinkRow> {
    if (!looksLikeSecretToken('schedulingLink', token)) throw unusable();
    const found = await links.findByHash(database.unscoped, hashSecretToken(token));
    if (!found || found.link.status === 'revoked' || found.link.expiresAt <= now || (found.link.status === 'open' && found.applicationStatus !== 'active')) throw unusable();
    return found.link;
  }

  async function slotQuery(tx: DbExecutor, link: SchedulingLinkRow, now: Date): Promise<SlotQuery> {
    const range = { start: link.rangeStart.getTime(), end: link.rangeEnd.getTime() };
    const windows = await availability.overlapping(tx, link.orgId, link.interviewerIds, range);
    const weekly = await availability.weeklyOf(tx, link.orgId, link.interviewerIds);
    return {
      // A person's windows and weekly hours together, joined, so a slot may run from one into the other.
      availability: link.interviewerIds.map((id, i) => {
        const pattern = weekly.get(id);
        return joinSpans([...(windows[i] ?? []), ...(pattern ? weeklySpans(pattern.timeZone, pattern.hours, range) : [])]);
      }),
      busy: await availability.busy(tx, link.orgId, link.interviewerIds, range),
      range, durationMinutes: link.durationMinutes, now: now.getTime(),
    };
  }

  async function bookedSlot(link: SchedulingLinkRow, timeZone: string): Promise<SchedulingPage['booked']> {
    const { interviewId } = link;
    if (!interviewId) return null;
    const span = await database.tenant(link.orgId, (tx) => availability.interviewSpan(tx, link.orgId, interviewId));
    return span ? slotIn(span, timeZone) : null;
  }

  async function page(link: SchedulingLinkRow, timeZone: string, now: Date): Promise<SchedulingPage> {
    const base = { kind: link.kind, durationMinutes: link.durationMinutes, timeZone, expiresAt: link.expiresAt.toISOString() };
    if (link.status === 'booked') return { ...base, status: 'booked', booked: await bookedSlot(link, timeZone), slots: [] };
    const query = await database.tenant(link.orgId, (tx) => slotQuery(tx, link, now));
    return { ...base, status: 'open', booked: null, slots: freeSlots(query).map((start) => slotIn({ start, end: start + link.durationMinutes * MINUTE }, timeZone)) };
  }

  return {
    /** The link's free slots in the candidate's time zone (400 for a zone that is not one). */
    async view(token: string, timeZoneName: string | undefined): Promise<SchedulingPage> {
      const timeZone = zoneOf(timeZoneName, 'timeZone');
      const now = clock();
      return page(await open(token, now), timeZone, now);
    },

    /**
     * Books one free slot as an interview, scheduled as a recruiter would schedule it (invite, events,
     * history). Under each interviewer's booking lock, taken in a fixed order, the slot is checked again,
     * so of two bookings racing for one interviewer's time exactly one wins; the other is a 409 slot-unavailable.
     */
    async book(token: string, input: BookingInput): Promise<SchedulingPage> {
      const timeZone = zoneOf(input.timeZone, 'timeZone');
      const start = Date.parse(input.start);
      const now = clock();
      const link = await open(token, now);
      if (link.status === 'booked') throw used();
      const access = { orgId: link.orgId, assignedTo: null };
      const write = await interviews.prepareSchedule(access, link.applicationId, {
        start: new Date(start).toISOString(), end: new Date(start + link.durationMinutes * MINUTE).toISOString(), timeZone, kind: link.kind,
        interviewers: link.interviewerIds, ...(link.location ? { location: link.location } : {}), ...(link.videoUrl ? { videoUrl: link.videoUrl } : {}),
        ...(link.agenda ? { agenda: link.agenda } : {}),
      }, {
        organizer: { type: link.createdByType, id: link.createdById }, actor: { type: 'candidate', id: null }, details: { schedulingLinkId: link.id },
      });
      const invite = await interviews.prepareInvitation(link.orgId, link.applicationId,
        link.createdByType === 'user' && link.createdById ? [...link.interviewerIds, link.createdById] : link.interviewerIds);
      const booked = await events.withEvents(link.orgId, async (tx, record) => {
        const current = await links.lock(tx, link.orgId, link.id);
        if (!current || current.status === 'revoked' || current.expiresAt <= now) throw unusable();
        if (current.status === 'booked') throw used();
        await availability.lockInterviewers(tx, link.orgId, current.interviewerIds);
        // Read committed: each statement from here sees every booking that held these locks before us.
        if (!isFreeSlot(await slotQuery(tx, current, clock()), start)) throw slotTaken();
        const interview = await write(tx, record);
        await invite?.(tx, interview);
        const row = await links.update(tx, current.id, { status: 'booked', interviewId: interview.id }, clock());
        record({ orgId: link.orgId, type: 'scheduling_link.booked', subjectId: row.id, payload: { link: toSchedulingLink(row), interviewId: interview.id } });
        return row;
      });
      return page(booked, timeZone, now);
    },
  };
}
export type BookingService = ReturnType<typeof createBookingService>;
