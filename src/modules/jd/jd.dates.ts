/** Application deadlines. Only absolute dates with a year: relative dates would make output depend on "now". */

// English, German and French month names, looked up by their first four letters, then three.
const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  mär: 3, mae: 3, mai: 5, okt: 10, dez: 12, fév: 2, fev: 2, avr: 4, juin: 6, juil: 7, aoû: 8, aou: 8, déc: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?'
  + '|januar|februar|märz|maerz|mai|juni|juli|oktober|dezember|janvier|f[ée]vrier|mars|avril|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)';
const TRIGGER = /\b(?:apply (?:by|before|until)|application deadline|deadline(?: (?:to apply|for applications))?|last date(?: (?:to apply|for applications|of application|for submission))?|closing date|close date|closes on|closing on|applications? (?:close[sd]?|closing|are accepted until|accepted until|due|must be (?:submitted|received) by)|submit (?:your application )?by|valid (?:through|until)|bewerbungsfrist|bewerbungsschluss|bewerbungen (?:bis|werden bis)|bewirb dich bis|bewerben sie sich bis|date limite(?: de (?:candidature|dépôt))?|candidatures? (?:jusqu['’]au|avant le)|postuler avant le)/gi;
/** Triggers that are the posting's own words; a board's "Closing date:" line gives way to them. */
const OWN_WORDS = /^(?:application deadline|deadline|apply|applications? must)/i;
/** Between a trigger and its date: "(midnight local time):", "to apply for this unit is", "4:00 pm on Thursday,". */
const BEFORE_DATE = /^[\s:|–-]*(?:\([^)]{0,60}\))?[\s:|–-]*(?:(?:to apply )?(?:for [\w ]{0,30}?\s)?is\s+)?(?:on\s+|zum\s+|am\s+|le\s+)?(?:\d{1,2}[:.]\d{2}(?![./-]\d)\s*(?:am|pm)?\s*(?:on\s+)?)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?/i;
const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/;
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/;
const DAY_MONTH = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th|er|\\.)?(?:\\s+of)?[\\s-]+${MONTH}\\.?,?[\\s-]+(\\d{4})\\b`, 'i');
const MONTH_DAY = new RegExp(`^${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');

function iso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2200 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** Parses a date at the start of `s`. Numeric dates are read day-first unless the day slot is > 12. */
export function parseDateAt(s: string): string | null {
  let m = ISO.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC.exec(s);
  if (m) {
    const a = Number(m[1]), b = Number(m[2]);
    return b > 12 ? iso(Number(m[3]), a, b) : iso(Number(m[3]), b, a);
  }
  m = DAY_MONTH.exec(s);
  if (m) return iso(Number(m[3]), MONTHS[(m[2] ?? '').slice(0, 4).toLowerCase()] ?? MONTHS[(m[2] ?? '').slice(0, 3).toLowerCase()] ?? 0, Number(m[1]));
  m = MONTH_DAY.exec(s);
  if (m) return iso(Number(m[3]), MONTHS[(m[1] ?? '').slice(0, 4).toLowerCase()] ?? MONTHS[(m[1] ?? '').slice(0, 3).toLowerCase()] ?? 0, Number(m[2]));
  return null;
}

export function extractDeadline(text: string, labelValues: string[]): string | null {
  const found: { date: string; own: boolean }[] = [];
  for (const t of text.matchAll(TRIGGER)) {
    // A word that goes on ("closing dates") is not the trigger; one run into a capital is ("Deadline for ApplicationsJanuary 24").
    if (/[a-z]/.test(text[t.index + t[0].length] ?? '')) continue;
    const rest = text.slice(t.index + t[0].length, t.index + t[0].length + 100).replace(BEFORE_DATE, '');
    const date = parseDateAt(rest);
    if (date) found.push({ date, own: OWN_WORDS.test(t[0]) });
  }
  const own = found.find((f) => f.own);
  if (own) return own.date;
  for (const v of labelValues) {
    const d = parseDateAt(v.replace(/^[\s|:]+/, '').replace(BEFORE_DATE, ''));
    if (d) return d;
  }
  return found[0]?.date ?? null;
}
