import { offsetAt, ZonedDate } from './zoned-date.ts';

/** A span of time, [start, end), in epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

/** Slots start on this grid of UTC time (every half hour), whatever their length. */
export const SLOT_STEP_MINUTES = 30;
const MINUTE = 60_000;

export interface SlotQuery {
  /** Each interviewer's free windows: a slot must fit inside one window of every interviewer. */
  availability: readonly (readonly Span[])[];
  /** Interviews the interviewers already have (any application): a slot must not overlap one. */
  busy: readonly Span[];
  range: Span;
  durationMinutes: number;
  /** Only slots starting after this instant. */
  now: number;
}

/** The spans joined where they overlap or touch, soonest first. */
export function joinSpans(spans: readonly Span[]): Span[] {
  const joined: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = joined.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else joined.push({ ...span });
  }
  return joined;
}

const within = (slot: Span, windows: readonly Span[]) => windows.some((w) => w.start <= slot.start && slot.end <= w.end);
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Whether one slot can be booked under the query's rules (on the grid, in range, in the future, free for all). */
export function isFreeSlot(query: SlotQuery, start: number): boolean {
  const slot = { start, end: start + query.durationMinutes * MINUTE };
  return start % (SLOT_STEP_MINUTES * MINUTE) === 0 && start > query.now && start >= query.range.start && slot.end <= query.range.end
    && query.availability.every((windows) => within(slot, windows)) && !query.busy.some((b) => overlaps(slot, b));
}

/** Every free slot's start, soonest first. */
export function freeSlots(query: SlotQuery): number[] {
  const step = SLOT_STEP_MINUTES * MINUTE;
  const first = Math.ceil(Math.max(query.range.start, query.now + 1) / step) * step;
  const starts: number[] = [];
  for (let start = first; start + query.durationMinutes * MINUTE <= query.range.end; start += step) {
    if (isFreeSlot(query, start)) starts.push(start);
  }
  return starts;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the wall clock in `timeZone` reads it, with that zone's offset then: `2030-03-10T10:00:00+01:00`. */
export function localDateTime(instant: number, timeZone: string): string {
  const wall = new ZonedDate(new Date(instant), timeZone);
  const offset = offsetAt(timeZone, instant);
  const sign = offset < 0 ? '-' : '+';
  return `${wall.getFullYear()}-${pad(wall.getMonth() + 1)}-${pad(wall.getDate())}T${pad(wall.getHours())}:${pad(wall.getMinutes())}:${pad(wall.getSeconds())}`
    + `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}
