import { offsetAt } from './zoned-date.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The first minute at which the offset differs from the one at `from` (the offset changes once between from and to). */
function transitionBetween(timeZone: string, from: number, to: number): number {
  const before = offsetAt(timeZone, from);
  let [low, high] = [from, to];
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (offsetAt(timeZone, middle) === before) low = middle;
    else high = middle;
  }
  return high;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const formatOffset = (minutes: number) => `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;
/** An instant as the wall clock reads it at `offset` minutes from UTC (iCalendar's local DATE-TIME form). */
function localTime(at: number, offset: number): string {
  const d = new Date(at + offset * MINUTE);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

function observance(kind: 'STANDARD' | 'DAYLIGHT', start: string, from: number, to: number): string[] {
  return [`BEGIN:${kind}`, `DTSTART:${start}`, `TZOFFSETFROM:${formatOffset(from)}`, `TZOFFSETTO:${formatOffset(to)}`, `END:${kind}`];
}

/**
 * A VTIMEZONE (RFC 5545 §3.6.5) for an IANA zone over [from, to], built from the runtime's own zone
 * data: each offset change in the range as its own observance. Outlook needs one for a TZID it is to
 * honour; Google and Apple read the IANA name either way.
 */
export function vtimezone(timeZone: string, from: Date, to: Date): string {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const start = from.getTime();
  let offset = offsetAt(timeZone, start);
  lines.push(...observance('STANDARD', '19700101T000000', offset, offset));
  for (let day = start; day < to.getTime(); day += DAY) {
    if (offsetAt(timeZone, day + DAY) === offset) continue;
    const at = transitionBetween(timeZone, day, day + DAY);
    const next = offsetAt(timeZone, at);
    lines.push(...observance(next > offset ? 'DAYLIGHT' : 'STANDARD', localTime(at, offset), offset, next));
    offset = next;
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
