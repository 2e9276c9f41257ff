import type { Weekday, WeeklyHoursRule } from './self-scheduling.table.ts';
import type { Span } from './slots.ts';
import { offsetAt, ZonedDate } from './zoned-date.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Date.getUTCDay() order. */
const weekdays: readonly Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The instant the wall clock in `timeZone` reads `minutes` past midnight of a calendar date (given as
 * that date's UTC midnight). In a DST gap the clock jumps over, the instant the offset before names.
 */
function instantAt(date: number, minutes: number, timeZone: string): number {
  const wall = date + minutes * MINUTE;
  const guess = wall - offsetAt(timeZone, wall) * MINUTE;
  return wall - offsetAt(timeZone, guess) * MINUTE;
}

/** The spans a weekly pattern gives over `range`, as instants, soonest first. */
export function weeklySpans(timeZone: string, hours: readonly WeeklyHoursRule[], range: Span): Span[] {
  if (hours.length === 0) return [];
  // Walk the zone's calendar dates from the day before the range to the day after (calendar arithmetic on UTC midnights).
  const first = new ZonedDate(new Date(range.start - DAY), timeZone);
  const spans: Span[] = [];
  for (let date = Date.UTC(first.getFullYear(), first.getMonth(), first.getDate()); date <= range.end + DAY; date += DAY) {
    const weekday = weekdays[new Date(date).getUTCDay()];
    for (const rule of hours) {
      if (rule.day !== weekday) continue;
      const span = { start: instantAt(date, minutesOf(rule.start), timeZone), end: instantAt(date, minutesOf(rule.end), timeZone) };
      if (span.start < range.end && span.end > range.start) spans.push(span);
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}
