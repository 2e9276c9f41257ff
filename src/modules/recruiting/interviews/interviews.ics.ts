import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import type { MailAttachment } from '../../../infra/mail/mailer.ts';
import type { InterviewWithCandidate } from './interviews.repo.ts';
import { vtimezone } from './vtimezone.ts';
import { ZonedDate } from './zoned-date.ts';

export interface Person {
  name: string;
  email: string;
}

/** What an interview's calendar entry needs beyond the row: who organizes it and who attends. */
export interface InviteParts {
  interview: InterviewWithCandidate;
  organizer: Person;
  attendees: readonly Person[];
}

const kindNames = { phone: 'Phone', video: 'Video', onsite: 'Onsite' } as const;
const prodId = { company: 'Hireline', product: 'Hireline', language: 'EN' };

const YEAR = 366 * 86_400_000;

/**
 * The VTIMEZONE of each zone the entries use, over their span (from a year before, so the observances
 * before the first entry are named too). 'UTC' entries are written in UTC and need none.
 */
function zonesFor(entries: readonly InviteParts[]) {
  const starts = entries.map((e) => e.interview.row.startAt.getTime());
  const ends = entries.map((e) => e.interview.row.endAt.getTime());
  const from = new Date(Math.min(...starts) - YEAR);
  const to = new Date(Math.max(...ends) + 86_400_000);
  return { name: null, generator: (timeZone: string) => vtimezone(timeZone, from, to) };
}

/** One UID per interview for its whole life, so every later invite updates or cancels the same calendar entry. */
export const interviewUid = (interviewId: string): string => `${interviewId}@hireline`;

function addEvent(calendar: ICalCalendar, { interview: { row, candidate }, organizer, attendees }: InviteParts, stamp: Date): void {
  const cancelled = row.status === 'cancelled';
  const description = [
    row.agenda,
    row.videoUrl ? `Join: ${row.videoUrl}` : null,
    cancelled ? `Cancelled${row.cancelReason ? `: ${row.cancelReason}` : ''}` : null,
  ].filter((line) => line !== null).join('\n\n');
  calendar.createEvent({
    id: interviewUid(row.id),
    sequence: row.sequence,
    stamp,
    created: row.createdAt,
    lastModified: row.updatedAt,
    start: new ZonedDate(row.startAt, row.timeZone),
    end: new ZonedDate(row.endAt, row.timeZone),
    timezone: row.timeZone,
    summary: `${kindNames[row.kind]} interview: ${candidate.name}`,
    description: description || null,
    location: row.location ?? row.videoUrl,
    url: row.videoUrl,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer,
    attendees: attendees.map((a) => ({ ...a, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.NEEDSACTION, rsvp: !cancelled })),
  });
}

/** An iTIP message (RFC 5546) for one interview: REQUEST while it stands, CANCEL once cancelled. */
export function inviteIcs(parts: InviteParts, now: Date): string {
  const method = parts.interview.row.status === 'cancelled' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const calendar = ical({ prodId, method, timezone: zonesFor([parts]) });
  addEvent(calendar, parts, now);
  return calendar.toString();
}

/**
 * The candidate's copy of an interview, for their status page: same UID and SEQUENCE as the team's
 * invite, so a download after a change replaces the entry. A published event (no reply is expected),
 * without the agenda, the cancel reason or the interviewers' addresses, which are the team's.
 */
export function candidateIcs(parts: InviteParts, summary: string, now: Date): string {
  const { interview: { row }, organizer } = parts;
  const cancelled = row.status === 'cancelled';
  const calendar = ical({ prodId, method: ICalCalendarMethod.PUBLISH, timezone: zonesFor([parts]) });
  calendar.createEvent({
    id: interviewUid(row.id),
    sequence: row.sequence,
    stamp: now,
    created: row.createdAt,
    lastModified: row.updatedAt,
    start: new ZonedDate(row.startAt, row.timeZone),
    end: new ZonedDate(row.endAt, row.timeZone),
    timezone: row.timeZone,
    summary: `${kindNames[row.kind]} interview: ${summary}`,
    description: row.videoUrl ? `Join: ${row.videoUrl}` : null,
    location: row.location ?? row.videoUrl,
    url: row.videoUrl,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer,
  });
  return calendar.toString();
}

/** A subscribed calendar (no METHOD: it publishes state, it does not ask anyone to reply). */
export function feedIcs(name: string, entries: readonly InviteParts[], now: Date): string {
  const calendar = ical({ prodId, name, ttl: 15 * 60, ...(entries.length > 0 ? { timezone: zonesFor(entries) } : {}) });
  for (const entry of entries) addEvent(calendar, entry, now);
  return calendar.toString();
}

/** The candidate's invite as an email attachment. */
export const inviteAttachment = (ics: string): MailAttachment => ({ filename: 'invite.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: ics });
