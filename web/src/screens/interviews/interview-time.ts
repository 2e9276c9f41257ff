const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** The browser's IANA zone: the times typed into the forms are read in it, and invites show it. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "6 Dec 2026, 09:00 – 10:00" (the end's date too when it falls on another day). */
export function spanOf(start: string, end: string): string {
  const [from, to] = [new Date(start), new Date(end)];
  return from.toDateString() === to.toDateString() ? `${day.format(from)} – ${time.format(to)}` : `${day.format(from)} – ${day.format(to)}`;
}

export const whenOf = (instant: string): string => day.format(new Date(instant));

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a `datetime-local` input shows it: the browser's wall-clock time, to the minute. */
export function localInputOf(instant: Date): string {
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}T${pad(instant.getHours())}:${pad(instant.getMinutes())}`;
}

/** A `datetime-local` value (browser wall-clock time) as the RFC 3339 instant the API takes; null when empty or invalid. */
export function instantOf(localValue: string): string | null {
  if (!localValue) return null;
  const parsed = new Date(localValue);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}

/** The next whole hour a day from now: a sensible first suggestion for a new interview. */
export function tomorrowAtTheHour(): Date {
  const at = new Date(Date.now() + 24 * 3_600_000);
  at.setMinutes(0, 0, 0);
  return at;
}
