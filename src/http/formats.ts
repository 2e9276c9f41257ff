import type { Ajv } from 'ajv';

/**
 * The one `date-time` every schema means: RFC 3339 with an uppercase `T`, seconds, an optional fraction
 * and a `Z` or ±hh:mm offset, naming an instant from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z.
 * Stricter than ajv-formats on purpose: it refuses leap seconds (`:60`; PostgreSQL and JS Date reject
 * them) and years that PostgreSQL (no year 0) or a four-digit ISO string in JSON cannot round-trip.
 */
const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:Z|([+-])(\d{2}):(\d{2}))$/;

export const earliestInstant = Date.UTC(1970, 0, 1);
export const latestInstant = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function isDateTime(value: string): boolean {
  const m = dateTimePattern.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [offsetHours, offsetMinutes] = [Number(m[9] ?? 0), Number(m[10] ?? 0)];
  // Years below 1969 are out of range whatever the offset, and Date.UTC maps years 0–99 onto 1900–1999.
  if (year < 1969 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 15 || offsetMinutes > 59) return false;
  const offset = (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const instant = Date.UTC(year, month - 1, day, hour, minute, second) - offset + Number(`0${m[7] ?? ''}`) * 1000;
  return instant >= earliestInstant && instant <= latestInstant;
}

/** Replaces ajv-formats' `date-time` with the strict one; call after addFormats. */
export function addStrictFormats(ajv: Ajv): void {
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
}
