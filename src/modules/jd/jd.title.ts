/**
 * The job title as the posting writes it, qualifiers included ("Chef de Partie x4 - Summer 23/24",
 * "Laborer, Recycling (PT Days, 18.5 hrs/week)"): from a "Job Title:" label, from the phrases boards
 * wrap it in, or from the posting's first line when that line reads as a heading, not a sentence.
 */
import { nameUnderTitle } from './jd.company.ts';
import { guessTitle } from './jd.fields.ts';
import { resolvePlaces } from './jd.locations.ts';

/** Lines that open a posting without naming the role: section headings and board chrome. */
const GENERIC_HEADING = /^(?:about (?:this|the) (?:role|job|position|opportunity)|(?:position |job |role )?overview|description|job description|summary|job summary|position summary|job details|details|faqs?|job duties|duties|responsibilities|requirements|the role|role|introduction|who we are|about us|apply now|job posting|vacancy|vacancies|new|urgent|hiring|(?:special |key |essential |minimum )?(?:requirements|qualifications|skills|benefits|responsibilities))$/i;
/** Board fields shown as a name on one line and the value on the next ("Job Type" / "Full-time"). */
const BOARD_FIELD_NAME = /^(?:job type|employment type|career level|experience level|seniority|industry|location|salary|pay|grade|department|posted|closing date|deadline|number of employees|company size|hours|shift|schedule|hiring path|vacancy no\.?|publication date|application deadline|job id|contract type|contract duration|organi[sz]ation unit|date|reference|ref)$/i;
/** Values those fields take, which are not titles either. */
const BOARD_FIELD_VALUE = /^(?:full[- ]?time|part[- ]?time|contract|temporary|permanent|casual|internship|entry level|mid[- ]level|senior level|remote|hybrid|on-?site)$/i;
/** "Grade: NOB", "Hiring Path: Open to the public": a field, where "General Worker: Development & Planning" is a title. */
function isBoardField(line: string): boolean {
  if (BOARD_FIELD_NAME.test(line) || BOARD_FIELD_VALUE.test(line)) return true;
  const m = /^([\p{L}. ]{2,30})(?:\s*\([^)]{1,40}\))?:\s*(\S.*)$/u.exec(line);
  return !!m && (BOARD_FIELD_NAME.test((m[1] ?? '').trim()) || (m[2] ?? '').split(/\s+/).length <= 2);
}
const SENTENCE_WORDS = /\b(?:is|are|was|were|we|you|our|will|would|can|has|have|this|that|who|which)\b/i;
const HIRING_LINE = /\b(?:is|are) (?:now )?hiring\b|^(?:we(?:'re|’re| are) )?(?:now )?hiring!?$/i;
/** A title's words: capitalised, joined by the small words titles use ("Manager of Digital Communications"). */
const TITLE_WORDS = "\\p{Lu}[\\p{L}.'’-]*(?:\\s(?:(?:of|and|for|de|la|du|&|the)\\s)?\\p{Lu}[\\p{L}.'’-]*){0,6}";

/** Board phrases that name the role, tried on the first lines: [pattern, title group, company group]. */
const ROLE_PHRASES: [RegExp, number, number | null][] = [
  [/\bjob description for the (.+?) position at (.+?)\?/i, 1, 2],
  [/\bfor the (.+?) position\b/i, 1, null],
  // A summary that opens with the role: "Summary: Permanent substitute teacher to teach …".
  [/^(?:job |position )?summary:\s*(?:an? |the )?((?:[\p{L}-]+\s){0,5}[\p{L}-]+) to \p{Ll}+\b/iu, 1, null],
  // A duty sentence whose subject is the role: "Registered Nurse I (New Graduate) assists at …".
  [new RegExp(`^(?!The\\s)(${TITLE_WORDS}(?:\\s(?:I{1,3}|IV|V|\\d))?(?:\\s\\([^)]{1,40}\\))?) (?:assists|provides|performs|supports|is responsible|works|delivers|leads)\\b`, 'u'), 1, null],
  [new RegExp(`\\bapplicants for the (${TITLE_WORDS}(?:\\s\\([^)]{1,60}\\))?)`, 'u'), 1, null],
  [/^(?:subject(?: line)?:\s*)?application for (?:the (?:position|role|post) of )?(.+)$/i, 1, null],
  [/^the (?:role|job|position) of (?:an? )?(.+?)(?: (?:was|is|has been) .*)?$/i, 1, null],
  [/\b((?:\p{Lu}[\p{L}'-]*\s){0,4}\p{Lu}[\p{L}'-]*) positions? (?:is|are) available\b/u, 1, null],
];
/** A sentence that hires for the role ("… is hiring a Head of Content to …"): tried only when no first line reads as a title. */
const HIRING_PHRASES: [RegExp, number, number | null][] = [
  [new RegExp(`\\b(?:is|are) (?:now )?(?:looking for|hiring|seeking|searching for|recruiting) (?:an? |experienced |talented |enthusiastic |new |two |several )*(${TITLE_WORDS})(?=\\s+(?:to|who|with|in|at|on)\\b|\\s*[!.,])`, 'u'), 1, null],
];
/** "TitleProject Officer" — a label run together with its value, as some boards' text comes out. */
const GLUED_TITLE_LABEL = /^(?:job )?title(?=\p{Lu})(.+)$/iu;
const ROLE_NOUN_HINT = /\b(?:engineer|developer|manager|officer|specialist|coordinator|assistant|designer|analyst|nurse|teacher|driver|operator|worker|technician|cook|chef|cleaner|labou?rer|carer|supervisor|director|lead|consultant|administrator|intern)s?\b/i;

const trimEdges = (s: string): string => s.replace(/^[\s•*#>|–—-]+|[\s:,;|–—-]+$/g, '').trim();

/** What boards wrap around a title line: "Job Description - X", a leading reference code, "X Job", "X, Nairobi, Kenya At ILO". */
export function cleanTitleLine(raw: string): string {
  let title = trimEdges(raw.replace(/\*\*/g, ''))
    .replace(/^(?:job (?:description|title|posting|opening|vacancy)|position|vacancy|role)\s*[-–—:]\s*/i, '')
    .replace(/^(?:we(?:'re|’re| are) )?(?:now )?hiring\s*[:!-–—]\s*/i, '')
    // A reference code before the words: letters and at least four digits, as "SDTM1328-6-2026".
    .replace(/^(?=[\w/-]*\d{4})(?=[\w/-]*[A-Za-z])[\w/-]{6,}\s+(?=\p{Lu})/u, '')
    .replace(/\s+job$/i, '');
  const at = /^(.{3,}?)\s+[Aa]t\s+\p{Lu}.*$/u.exec(title);
  if (at?.[1]) title = at[1];
  // A trailing ", City, Country" is where the job is, not what it is.
  for (let cut = title.lastIndexOf(','); cut > 0; cut = title.lastIndexOf(',', cut - 1)) {
    const tail = title.slice(cut + 1).trim();
    if (!tail || !resolvePlaces(tail, true)) break;
    title = title.slice(0, cut).trim();
  }
  return trimEdges(title).slice(0, 200);
}

/** "National Project Coordinator, Nairobi At International Labour Organization (ILO)": the employer after "at". */
function companyAfterAt(line: string): string | null {
  return /\s[Aa]t\s+(\p{Lu}.{1,100})$/u.exec(line)?.[1]?.trim() ?? null;
}

function readsAsTitle(line: string): boolean {
  const words = line.split(/\s+/);
  // A heading starts with a capital: "we need help with things" is a sentence, however short.
  return line.length >= 3 && line.length <= 120 && words.length <= 16 && /\p{L}{2}/u.test(line) && /^[^\p{L}]*\p{Lu}/u.test(line)
    && !/[.!?:;]$/.test(line) && !/https?:|www\.|@/.test(line) && !GENERIC_HEADING.test(line) && !HIRING_LINE.test(line)
    && !(words.length > 5 && SENTENCE_WORDS.test(line)) && !/^[\d\s$€£¥.,:/-]+$/.test(line) && !/[$€£¥₹]/.test(line) && !isBoardField(line);
}

export function findTitle(lines: readonly string[], headingLines: Set<number>, labelTitles: readonly string[]): { title: string | null; company: string | null } {
  const labelled = labelTitles.map(cleanTitleLine).find((t) => t.length > 0);
  if (labelled) return { title: labelled, company: null };
  const opening = lines.slice(0, 24).map((l) => l.replace(/\*\*/g, '').trim()).filter((l) => l !== '');
  const glued = opening.slice(0, 12).map((l) => GLUED_TITLE_LABEL.exec(l)?.[1]).find((t) => t !== undefined);
  if (glued && cleanTitleLine(glued)) return { title: cleanTitleLine(glued), company: null };
  const fromPhrase = (scanned: readonly string[], phrases: typeof ROLE_PHRASES) => {
    for (const line of scanned) {
      for (const [pattern, titleGroup, companyGroup] of phrases) {
        const m = pattern.exec(line);
        const title = m?.[titleGroup] ? cleanTitleLine(m[titleGroup]) : '';
        if (title && title.split(/\s+/).length <= 12) return { title, company: companyGroup && m?.[companyGroup] ? trimEdges(m[companyGroup]) : null };
      }
    }
    return null;
  };
  const early = fromPhrase(opening.slice(0, 6), ROLE_PHRASES);
  if (early) return early;
  // The first line that reads as a heading, past at most three lines of chrome.
  const candidates = opening.slice(0, 4).filter(readsAsTitle);
  const [first, second] = candidates;
  if (first) {
    // "Tesla" then "Sr. Software Engineer, Backend": a bare name above a role line is the company.
    if (second && first.split(/\s+/).length <= 2 && !ROLE_NOUN_HINT.test(first) && ROLE_NOUN_HINT.test(second) && cleanTitleLine(second)) {
      return { title: cleanTitleLine(second), company: first };
    }
    const title = cleanTitleLine(first);
    const below = opening.slice(opening.indexOf(first) + 1);
    if (title) return { title: fullerHeading(title, opening) ?? title, company: companyAfterAt(first) ?? nameUnderTitle(below) };
  }
  return fromPhrase(opening, [...ROLE_PHRASES, ...HIRING_PHRASES])
    ?? { title: guessTitle([...lines.slice(0, 40)], headingLines) ?? guessTitle(lines.slice(-10), new Set()), company: null };
}

/** A board's short title above the posting's own fuller heading ("TEMPORARY LABORER" … "TEMPORARY LABORER - HOPE CEMETERY / PARKS"): the fuller one. */
function fullerHeading(title: string, opening: readonly string[]): string | null {
  const start = title.toLowerCase();
  const fuller = opening.find((l) => l.length > title.length && l.toLowerCase().startsWith(start) && /^[\s(–—:-]/.test(l.slice(title.length)) && readsAsTitle(l));
  return fuller ? cleanTitleLine(fuller) : null;
}
