/** Pay ranges: currency symbols/codes, k/lakh/crore multipliers, ranges and pay periods. */
import currencies from '../../../data/currencies.v1.json' with { type: 'json' };
import { amountsInFigures } from './jd.number-words.ts';
import type { Salary, SalaryUnit } from './jd.schemas.ts';

const SYMBOLS: Record<string, string> = {
  'US$': 'USD', 'C$': 'CAD', 'CA$': 'CAD', 'A$': 'AUD', 'AU$': 'AUD', 'NZ$': 'NZD', 'S$': 'SGD', 'HK$': 'HKD', 'R$': 'BRL',
  '€': 'EUR', '£': 'GBP', '₹': 'INR', 'Rs.': 'INR', 'Rs': 'INR', '¥': 'JPY', '₩': 'KRW', '₱': 'PHP', '₦': 'NGN', '₺': 'TRY', 'zł': 'PLN',
  'PhP': 'PHP', 'Php': 'PHP', 'Phpeso': 'PHP', 'Ksh.': 'KES', 'Kshs': 'KES', 'Ksh': 'KES', 'KSh': 'KES',
};
// A bare "$" means the local dollar where the posting is in a dollar country, else USD.
const DOLLAR_CURRENCIES = new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD']);
const MULTIPLIERS: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, mm: 1e6, l: 1e5, lakh: 1e5, lakhs: 1e5, lac: 1e5, lacs: 1e5, lpa: 1e5, cr: 1e7, crore: 1e7, crores: 1e7 };

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// "R165 564": the rand's R, only right before a figure and never inside a word.
const CUR = `(?:${[...Object.keys(SYMBOLS).sort((a, b) => b.length - a.length).map(esc), '\\$', '(?<![\\p{L}\\d])R(?=\\d)', ...currencies.codes].join('|')})`;
// Thousands by comma or dot ("1,500.00"), by space with a decimal comma ("165 564,00", as South Africa and much of Europe
// write), or a decimal comma with dots for thousands ("15,50 €", "1.234,56 €", as German and French postings write).
const NUM = '(?:\\d{1,3}(?:\\.\\d{3})*,\\d{2}(?!\\d)|\\d{1,3}(?: \\d{3})+(?:,\\d{2})?(?!\\d)|\\d{1,3}(?:[,.]\\d{3})+(?:\\.\\d{1,2})?|\\d+(?:\\.\\d+)?)';
const MULT = '(?:[kKmM]|mn|MM|[Ll]akhs?|[Ll]acs?|LPA|lpa|L|[Cc]r|[Cc]rores?)';
// Every part is optional-once, so matching stays linear even on inputs like 50,000 repeated "$1,".
// The leading lookahead rejects most positions (lowercase letters, spaces) before the long alternation runs.
const MONEY = new RegExp(
  `(?=[A-Z$€£₹¥₩₱₦₺z\\d])(${CUR})?\\s?(${NUM})\\s?(${MULT})?(?![\\p{L}\\d])(?:\\s?\\(?(${CUR}(?![\\p{L}]))\\)?)?` +
  // "£25,583 (Level one) rising to £26,403": a short aside may sit before the second figure's connector.
  `(?:\\s?(?:\\([^()\\n]{1,24}\\)\\s?)?(?:-|–|—|to|rising to)\\s?(${CUR})?\\s?(${NUM})\\s?(${MULT})?(?![\\p{L}\\d])(?:\\s?\\(?(${CUR}(?![\\p{L}]))\\)?)?)?`, 'gu',
);
// English, German ("€ brutto pro Jahr", "jährlich") and French ("€ brut par an", "de l'heure") periods.
const UNIT_AFTER = /^\+?\s?(?:or (?:higher|more|above)\s)?(?:brutto\s|brut\s)?(?:(?:\/|per|a|an|each|pro|par|je|im)\s?(hour|hr|h|day|week|wk|month|mo|mth|year|yr|annum|jahr|monat|stunde|std|tag|woche|an|année|mois|heure|jour|semaine)\b|(hourly|daily|weekly|monthly|annually|yearly|annual|p\.?a\.?|p\.?m\.?|LPA|CTC|jährlich|monatlich|annuel(?:le)?|mensuel(?:le)?|de l['’]heure)(?![\p{L}]))/iu;
const UNIT_BEFORE = /\b(hourly|daily|weekly|monthly|annual|yearly|per annum|per hour|per month|stipend|jahresgehalt|bruttojahresgehalt|monatsgehalt|stundenlohn|salaire annuel|salaire mensuel|taux horaire)\b[^.\n]{0,40}$/i;
const UNITS: Record<string, SalaryUnit> = {
  hour: 'HOUR', hr: 'HOUR', h: 'HOUR', hourly: 'HOUR', 'per hour': 'HOUR', day: 'DAY', daily: 'DAY', week: 'WEEK', wk: 'WEEK', weekly: 'WEEK',
  month: 'MONTH', mo: 'MONTH', mth: 'MONTH', monthly: 'MONTH', pm: 'MONTH', 'p.m.': 'MONTH', 'per month': 'MONTH', stipend: 'MONTH',
  year: 'YEAR', yr: 'YEAR', annum: 'YEAR', annually: 'YEAR', yearly: 'YEAR', annual: 'YEAR', pa: 'YEAR', 'p.a.': 'YEAR', 'p.a': 'YEAR',
  lpa: 'YEAR', ctc: 'YEAR', 'per annum': 'YEAR',
  jahr: 'YEAR', jährlich: 'YEAR', jahresgehalt: 'YEAR', bruttojahresgehalt: 'YEAR', monat: 'MONTH', monatlich: 'MONTH', monatsgehalt: 'MONTH',
  stunde: 'HOUR', std: 'HOUR', stundenlohn: 'HOUR', tag: 'DAY', woche: 'WEEK',
  an: 'YEAR', année: 'YEAR', annuel: 'YEAR', annuelle: 'YEAR', 'salaire annuel': 'YEAR', mois: 'MONTH', mensuel: 'MONTH', mensuelle: 'MONTH',
  'salaire mensuel': 'MONTH', heure: 'HOUR', "de l'heure": 'HOUR', 'de l’heure': 'HOUR', 'taux horaire': 'HOUR', jour: 'DAY', semaine: 'WEEK',
};
const PAY_CONTEXT = /\b(?:salary|pay|paid|compensation|stipend|ctc|package|wage|rate|earn|base|ote|remuneration|range|budget|scale|gehalt|jahresgehalt|vergütung|verdienst|lohn|brutto|salaire|rémunération|brut)\b/i;
// Extras on top of the pay ("$2/hr shift premium", "overtime at $29.13") are not the pay itself.
const EXTRA_PAY_BEFORE = /\b(?:overtime|premium|differential|bonus|allowance|sign-?on)\b[^.\n$€£]{0,30}$/i;
// Right after the figure, past its period and one word: "$2/hr shift premium", but not "… per year, plus a bonus".
const EXTRA_PAY_AFTER = /^\s?(?:(?:\/|per\s|an?\s)\s?[a-z]+\s)?(?:[a-z]+\s)?(?:premium|differential|bonus|allowance)\b/i;
// A total cost of employment ("Estimated remuneration package") counts below a salary or scale stated beside it.
const TOTAL_PACKAGE_BEFORE = /\b(?:estimated|total)\s(?:remuneration\s|compensation\s)?package\b[^.\n]{0,20}$/i;
const NOT_PAY_AFTER = /^\s?\+?\s?(?:in\s)?(?:funding|raised|revenue|valuation|arr|users|customers|downloads|investment|series|seed|bn|billion)\b/i;
const NOT_PAY_BEFORE = /\b(?:raised|funding|revenue|valuation|worth|grant|turnover|investment)\b[^.\n]{0,30}$/i;
const UNPAID = /\bunpaid\b(?!\s(?:leave|time|overtime|break))|\bno stipend\b/i;

function toNumber(num: string, mult: string | undefined): number {
  // "1.500" and "1,500" are thousands; "1.5" is a decimal.
  const plain = /^\d{1,3}(?:\.\d{3})*,\d{2}$/.test(num) ? num.replace(/\./g, '').replace(',', '.')
    : /^\d{1,3}(?: \d{3})+(?:,\d{2})?$/.test(num) ? num.replace(/ /g, '').replace(',', '.')
    : /^\d{1,3}(?:[,.]\d{3})+(?:\.\d{1,2})?$/.test(num) ? num.replace(/[,.](?=\d{3}(?:\D|$))/g, '') : num;
  return parseFloat(plain) * (mult ? (MULTIPLIERS[mult.toLowerCase()] ?? 1) : 1);
}

function currencyOf(token: string | undefined, localCurrency: string | null): string | null {
  if (!token) return null;
  if (token === '$') return localCurrency && DOLLAR_CURRENCIES.has(localCurrency) ? localCurrency : 'USD';
  if (token === 'R') return 'ZAR';
  return SYMBOLS[token] ?? token;
}

interface Candidate { salary: Salary; score: number }

export function extractSalary(written: string, localCurrency: string | null): Salary | null {
  const text = amountsInFigures(written);
  let best: Candidate | null = null;
  for (const m of text.matchAll(MONEY)) {
    const [, c1, n1 = '', m1, c2, c3, n2, m2, c4] = m;
    const end = m.index + m[0].length;
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    const after = text.slice(end, end + 30);
    const indian = /^(?:l|lakhs?|lacs?|lpa|cr|crores?)$/i.test(m2 ?? m1 ?? '');
    const currency = currencyOf(c1 ?? c2 ?? c3 ?? c4, localCurrency) ?? (indian ? 'INR' : null);
    if (!currency || NOT_PAY_AFTER.test(after) || NOT_PAY_BEFORE.test(before)) continue;
    let min = toNumber(n1, m1 ?? (n2 ? m2 : undefined));
    const max = n2 ? toNumber(n2, m2 ?? m1) : min;
    if (n2 && m2 && !m1 && min * 1000 < max) min = toNumber(n1, m2); // "$120-150k"
    if (!(min > 0) || max < min || max > 1e9) continue;
    const unitWord = UNIT_AFTER.exec(after) ?? (/^lpa$/i.test(m2 ?? m1 ?? '') ? ['', 'lpa'] : null);
    const unitKey = (unitWord?.[1] ?? unitWord?.[2] ?? UNIT_BEFORE.exec(before)?.[1] ?? '').toLowerCase();
    const unit = UNITS[unitKey] ?? (max < 500 ? 'HOUR' : currency === 'INR' && max < 200_000 ? 'MONTH' : 'YEAR');
    const upTo = /\bup\s?to\s?$/i.test(before);
    const extra = EXTRA_PAY_BEFORE.test(before) || EXTRA_PAY_AFTER.test(after);
    const score = (unitKey ? 2 : 0) + (PAY_CONTEXT.test(before + after) ? 2 : 0) + (n2 ? 1 : 0) + 1 + (m1 || m2 ? 1 : 0)
      - (extra ? 4 : 0) - (TOTAL_PACKAGE_BEFORE.test(before) ? 1 : 0);
    if (score >= 2 && (!best || score > best.score)) {
      best = { score, salary: { min: upTo ? null : min, max, currency, unit } };
    }
  }
  if (best) return best.salary;
  return UNPAID.test(text) ? { min: 0, max: 0, currency: localCurrency ?? 'XXX', unit: 'MONTH' } : null;
}
