import { AppError, type FieldProblem } from '../../../app-error.ts';
import type { Database } from '../../../infra/db/database.ts';
import { authorize, type Principal } from '../../access/index.ts';
import type { AvailabilityRepo, WeeklyPattern } from './availability.repo.ts';
import { invalid } from './interviews.rules.ts';
import type { Availability, AvailabilityInput, WeeklyHours } from './self-scheduling.schemas.ts';
import { joinSpans, type Span } from './slots.ts';
import { minutesOf } from './weekly-hours.ts';
import { canonicalTimeZone } from './zoned-date.ts';

export interface AvailabilityDeps {
  database: Pick<Database, 'tenant'>;
  repo: AvailabilityRepo;
  clock?: () => Date;
}

function personIn(principal: Principal): { orgId: string; userId: string } {
  const access = authorize(principal, 'candidates:read');
  const { actor } = principal;
  if (actor.kind !== 'user') throw new AppError('forbidden', 'Availability is a person\'s, not an API key\'s');
  return { orgId: access.orgId, userId: actor.userId };
}

/** Checks each window (400 naming each bad one) and joins those that overlap or touch, soonest first. */
export function normalizeWindows(input: AvailabilityInput['windows']): Span[] {
  const problems: FieldProblem[] = [];
  const spans = input.map((w, i) => {
    const span = { start: Date.parse(w.start), end: Date.parse(w.end) };
    if (!(span.end > span.start)) problems.push({ field: `windows.${i}.end`, detail: 'must be after start' });
    return span;
  });
  if (problems.length > 0) throw invalid('Every availability window must end after it starts', problems);
  return joinSpans(spans);
}

/** Checks weekly hours (400 naming each bad field) and returns them with the zone's canonical name. */
export function checkWeekly(weekly: WeeklyHours): WeeklyPattern {
  const problems: FieldProblem[] = [];
  const timeZone = canonicalTimeZone(weekly.timeZone);
  if (!timeZone) problems.push({ field: 'weekly.timeZone', detail: 'is not an IANA time zone (such as Europe/Berlin)' });
  weekly.hours.forEach((rule, i) => {
    if (minutesOf(rule.end) <= minutesOf(rule.start)) problems.push({ field: `weekly.hours.${i}.end`, detail: 'must be after start' });
  });
  if (problems.length > 0 || !timeZone) throw invalid('The weekly hours are not valid', problems);
  return { timeZone, hours: weekly.hours };
}

const toAvailability = (spans: readonly Span[], weekly: WeeklyPattern | null): Availability => ({
  windows: spans.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
  weekly: weekly ? { timeZone: weekly.timeZone, hours: [...weekly.hours] } : null,
});

/** Each interviewer's own free windows, which scheduling links offer slots from. */
export function createAvailabilityService({ database, repo, clock = () => new Date() }: AvailabilityDeps) {
  return {
    /** The caller's windows that have not ended. */
    async mine(principal: Principal): Promise<Availability> {
      const { orgId, userId } = personIn(principal);
      return database.tenant(orgId, async (tx) => toAvailability(await repo.of(tx, orgId, userId, clock()), (await repo.weeklyOf(tx, orgId, [userId])).get(userId) ?? null));
    },

    /** Replaces the caller's windows; a booking holding an interviewer's lock sees either the old set or the new one. */
    async replace(principal: Principal, input: AvailabilityInput): Promise<Availability> {
      const { orgId, userId } = personIn(principal);
      const windows = normalizeWindows(input.windows);
      const weekly = input.weekly ? checkWeekly(input.weekly) : null;
      const now = clock();
      return database.tenant(orgId, async (tx) => {
        await repo.lockInterviewers(tx, orgId, [userId]);
        await repo.replace(tx, orgId, userId, windows, now);
        await repo.putWeekly(tx, orgId, userId, weekly, now);
        return toAvailability(windows.filter((w) => w.end > now.getTime()), weekly);
      });
    },
  };
}
export type AvailabilityService = ReturnType<typeof createAvailabilityService>;
