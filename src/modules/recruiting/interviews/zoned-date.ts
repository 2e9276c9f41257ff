import type { ICalTZDateStub } from 'ical-generator';

const formats = new Map<string, Intl.DateTimeFormat>();
const formatFor = (timeZone: string): Intl.DateTimeFormat => {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
};

/** The IANA name as the runtime knows it (canonical case: `europe/berlin` → `Europe/Berlin`), or null for one it does not know. */
export function canonicalTimeZone(name: string): string | null {
  // Offsets (`+02:00`) and abbreviations are not places: an interview's zone must follow its DST rules.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return null;
  try {
    return formatFor(name).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * An instant whose local-time getters read the wall clock in `timeZone`. ical-generator writes a
 * `DTSTART;TZID=…` from a date's local getters, which on a plain Date are the server's zone; this
 * is the shape of @date-fns/tz's TZDate that it recognizes, built on Intl instead of a dependency.
 */
export class ZonedDate extends Date implements ICalTZDateStub {
  readonly internal: Date;
  private readonly parts: Record<string, number>;

  constructor(instant: Date, readonly timeZone: string) {
    super(instant.getTime());
    this.internal = new Date(instant.getTime());
    this.parts = Object.fromEntries(formatFor(timeZone).formatToParts(instant).filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
  }

  withTimeZone(timeZone?: string | null): ZonedDate {
    return new ZonedDate(this.internal, timeZone ?? this.timeZone);
  }

  tzComponents(): Record<string, number> {
    return { ...this.parts };
  }

  private part(name: string): number {
    const value = this.parts[name];
    if (value === undefined) throw new Error(`no ${name} in ${this.timeZone}`);
    return value;
  }

  override getFullYear(): number { return this.part('year'); }
  override getMonth(): number { return this.part('month') - 1; }
  override getDate(): number { return this.part('day'); }
  override getHours(): number { return this.part('hour'); }
  override getMinutes(): number { return this.part('minute'); }
  override getSeconds(): number { return this.part('second'); }
}

/** The zone's offset from UTC at an instant, in minutes (east positive). */
export function offsetAt(timeZone: string, at: number): number {
  const wall = new ZonedDate(new Date(at), timeZone);
  const asUtc = Date.UTC(wall.getFullYear(), wall.getMonth(), wall.getDate(), wall.getHours(), wall.getMinutes(), wall.getSeconds());
  return Math.round((asUtc - Math.floor(at / 1000) * 1000) / 60_000);
}
