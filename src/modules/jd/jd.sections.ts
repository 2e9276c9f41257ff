/** Finds section headings (in any of the common styles) and assigns each line to a section. */
import type { SectionName } from './jd.schemas.ts';
import { findLabels } from './jd.labels.ts';

export type LineKind = SectionName | 'other' | null;

export interface SectionedText {
  lines: string[];
  /** Section of each line (null before the first heading); heading lines themselves get their own kind. */
  lineSection: LineKind[];
  headingLines: Set<number>;
  sections: Record<SectionName, string | null>;
  /** Heading text of "About <Name>" style headings, a company-name hint. */
  aboutNames: string[];
}

// Checked in this order: "Preferred qualifications" is nice-to-have, not requirements.
const HEADING_RULES: [Exclude<LineKind, null>, RegExp][] = [
  ['niceToHave', /\b(?:nice[- ]to[- ]haves?|bonus|preferred|desirable|good[- ]to[- ]haves?|pluses|plus points|extra credit|optional|would be a plus|wünschenswert|von vorteil|idealerweise|nice to have|atouts?|un plus|serait un plus|souhaités?)\b/i],
  ['benefits', /\b(?:benefits?|perks?|what we offer|we offer|what you(?:'ll| will) get|why (?:join|work)|compensation|salary|rewards|what's in it for you|wir bieten|was wir bieten|unser angebot|das bieten wir|deine vorteile|ihre vorteile|nous offrons|ce que nous offrons|avantages|rémunération)\b/i],
  ['about', /^(?:about\b|who we are\b|our (?:company|story|mission)\b|company (?:overview|description)\b|overview\b|(?:job |role |position )?(?:summary|description)\b|introduction\b|the company\b|the opportunity\b|über uns|wer wir sind|das unternehmen\b|unternehmen\b|qui sommes-nous|à propos|l'entreprise\b|présentation\b)/i],
  ['other', /^(?:how to apply|apply\b|note\b|notes\b|faq|frequently asked|related\b|application process|equal (?:opportunity|employment)|eeo\b|disclaimer|share\b|tools and programs|location\b|contact\b|interview process|hiring process|next steps|job description examples|skip to)/i],
  ['responsibilities', /\b(?:responsibilit(?:y|ies)|what you(?:'ll| will) (?:do|be doing|work on)|duties|your role|the role|role overview|day[- ]to[- ]day|your mission|in this role|key tasks|your tasks|accountabilities|job functions|what the job involves|aufgaben|ihre aufgaben|deine aufgaben|tätigkeiten|aufgabengebiet|das erwartet (?:dich|sie)|missions?|vos missions|responsabilités|le poste|descriptif du poste)\b/i],
  ['requirements', /\b(?:requirements?|qualifications?|must[- ]haves?|who you are|what you(?:'ll)? (?:need|bring)|what we(?:'re| are) looking for|you (?:have|bring|should have)|skills|experience required|prerequisites|your profile|profile|competencies|eligibility|about you|criteria|what you need|anforderungen|ihr profil|dein profil|qualifikationen|was (?:du|sie) mitbringst|was sie mitbringen|das bringst du mit|das bringen sie mit|profil recherché|votre profil|profil|compétences|exigences|qualifications requises)\b/i],
];
// Any heading phrase at the very start of a text: a cheap first test before classifying candidates.
const HEADING_START = new RegExp(`^(?:${HEADING_RULES.map(([, re]) => re.source.replace(/^(?:\^|\\b)/, '')).join('|')})`, 'i');
// A board's FAQ about the job: its answers restate the posting, unlike "How to apply" or a disclaimer.
const FAQ_HEADING = /^(?:faqs?|frequently asked)\b/i;
const QUESTION = /\?\s*$/;
const MARKUP = /^(?:#{1,6}\s*|[*_]{1,3}|\d{1,2}[.)]\s+)|[*_]{1,3}$|\s*[:：]$/g;
// A heading glued into running text: "...to talk.Key ResponsibilitiesDesign, develop...".
// Word lengths are bounded so a 100 KB run of letters cannot make the regex backtrack quadratically.
const GLUED_HEADING = /(?:(?:[A-Z][\w'-]{0,24}|&|to|and|of)\s){0,3}(?:Responsibilities|Requirements|Qualifications|Skills|Benefits|Perks|Offer|Duties|Expectations|Nice to [Hh]ave|Must[- ][Hh]aves?|How to Apply|Note)(?=[:\n]|[A-Z\d₹$€£]|$)/g;

export function classifyHeading(raw: string): Exclude<LineKind, null> | null {
  if (raw.length > 90) return null;
  const marked = /^#{1,6}\s|^\*\*.*\*\*:?$|^__.*__:?$/.test(raw);
  const line = raw.replace(MARKUP, '').trim();
  if (line.length < 3 || line.length > 70 || /[.,;!?]$/.test(line)) return null;
  if (line.split(' ').length > 9 || (!marked && !/^[\p{Lu}\d]/u.test(line))) return null;
  for (const [kind, re] of HEADING_RULES) if (re.test(line)) return kind;
  return null;
}

const WORD_CHAR = /[\p{L}\p{N}'.+#-]/u;
const isLowerChar = (ch: string | undefined) => ch !== undefined && /[a-z\u00df-\u00ff]/.test(ch);
const isLetterChar = (ch: string | undefined) => ch !== undefined && /\p{L}/u.test(ch);

const MAX_WORD = 60;

/**
 * Whether the letters right before `at` form a plain lowercase word ("team") or an acronym plural ("APIs"),
 * not the front of a CamelCase name ("Open" of OpenTelemetry). Scans only lowercase letters back, so it
 * stays linear on "aAaA…".
 */
function plainWordBefore(text: string, at: number): boolean {
  let a = at;
  while (a > 0 && at - a <= MAX_WORD && isLowerChar(text[a - 1])) a--;
  if (at - a >= 2) return !isLetterChar(text[a - 1]);
  if (at - a !== 1 || text[a] !== 's') return false;
  let b = a;
  while (b > 0 && a - b <= MAX_WORD && /[A-Z]/.test(text[b - 1] ?? '')) b--;
  return a - b >= 2 && !isLetterChar(text[b - 1]);
}

/** The word around position i (at most MAX_WORD characters each way, so long runs stay linear), lowercased. */
function wordAround(text: string, i: number): string {
  let a = i, b = i;
  while (a > 0 && i - a < MAX_WORD && WORD_CHAR.test(text[a - 1] ?? '')) a--;
  while (b < text.length && b - i < MAX_WORD && WORD_CHAR.test(text[b] ?? '')) b++;
  return text.slice(a, b).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}+#]+$/gu, '').toLowerCase();
}

function isGlueBoundary(text: string, i: number): boolean {
  if (i === 0) return true;
  const prev = text[i - 1] ?? '';
  return prev === '\n' || /[\p{Ll}\d.)!?:]/u.test(prev);
}

/**
 * Whether a heading glued to a letter is really the end of a name: a known term, or a capitalised word
 * ("OneNote") unless the heading word is one no name ends in ("TeamResponsibilities").
 */
function insideName(text: string, start: number, heading: string, isKnownTerm: (lower: string) => boolean): boolean {
  if (!isLetterChar(text[start - 1])) return false;
  if (isKnownTerm(wordAround(text, start))) return true;
  return !plainWordBefore(text, start) && !/^[A-Z][a-z]{11,}/.test(heading);
}

/** Puts glued headings on their own line; needs the glue on the left and a capital/colon/EOL on the right. */
export function splitGluedHeadings(text: string, isKnownTerm: (lower: string) => boolean): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(GLUED_HEADING)) {
    let start = m.index;
    const end = start + m[0].length;
    // Drop leading words until the heading begins at a glue boundary ("to talk.Key ..." → "Key ...").
    while (start < end && !isGlueBoundary(text, start)) {
      const next = text.indexOf(' ', start);
      if (next < 0 || next >= end) break;
      start = next + 1;
    }
    if (!isGlueBoundary(text, start) || start < last) continue;
    const heading = text.slice(start, end);
    if (classifyHeading(heading) === null || insideName(text, start, heading, isKnownTerm)) continue;
    const after = text[end] === ':' ? end + 1 : end;
    out += text.slice(last, start) + (start > 0 && text[start - 1] !== '\n' ? '\n' : '') + heading + '\n';
    last = after;
  }
  return out + text.slice(last);
}

const ABOUT_NAME = /^(?:About|ABOUT)\s+([\p{Lu}][\p{L}\d&.'-]{0,30}(?:\s[\p{Lu}][\p{L}\d&.'-]{0,30}){0,3})$/u;
const NOT_A_NAME = /^(?:us|the|this|you|our|me|role|company|position|job|team|we)\b/i;

// "(fully remote)Direct", "development.This", "and:Understand": a sentence end directly before a capitalised word.
const GLUED_SENTENCE = /(\)|[a-z]{2}[.!?:])(?=[A-Z][a-z])/g;
// Candidate glue points inside a word: a lowercase letter directly followed by a capital ("teamResponsibilities").
const CAMEL_POINT = /[a-z\u00df-\u00ff](?=[A-Z\u00c0-\u00de])/g;

/** Whether `rest` starts with a section heading of up to five words ("Responsibilities", "What you'll do"). */
function startsWithHeading(rest: string): boolean {
  if (!HEADING_START.test(rest)) return false;
  const words = rest.split(/[\s:：]/, 6);
  for (let n = 1; n <= Math.min(5, words.length); n++) {
    const candidate = words.slice(0, n).join(' ');
    if (classifyHeading(candidate) && HEADING_RULES.some(([, re]) => re.exec(candidate)?.index === 0)) return true;
  }
  return false;
}

/**
 * Breaks text glued across lost line breaks, only where the evidence is strong: after a sentence end
 * ("services.Requirements"), before a section heading ("teamResponsibilities") or after one ("What you'll
 * doBuild"), and never inside a known term. A capital inside a word is no evidence by itself: OpenTelemetry,
 * DeepMind and McDonald's are words.
 */
export function splitGluedWords(text: string, isKnownTerm: (lower: string) => boolean): string {
  const src = text.replace(GLUED_SENTENCE, (m: string, _end: string, offset: number) =>
    (isKnownTerm(wordAround(text, offset + m.length)) ? m : `${m}\n`));
  let out = '';
  let last = 0;
  let lineStart = 0;
  let nextBreak = src.indexOf('\n');
  CAMEL_POINT.lastIndex = 0;
  for (let m = CAMEL_POINT.exec(src); m; m = CAMEL_POINT.exec(src)) {
    const at = m.index + 1;
    if (!plainWordBefore(src, at)) continue;
    while (nextBreak !== -1 && nextBreak < at) {
      lineStart = nextBreak + 1;
      nextBreak = src.indexOf('\n', lineStart);
    }
    // Headings are short, so looking at no more than 80 characters keeps this linear on long glued runs.
    const from = Math.max(last, lineStart);
    const headingEnds = at - from <= 70 && classifyHeading(src.slice(from, at)) !== null;
    if (!(headingEnds || startsWithHeading(src.slice(at, at + 80))) || isKnownTerm(wordAround(src, at))) continue;
    out += src.slice(last, at) + '\n';
    last = at;
  }
  return out + src.slice(last);
}

export function splitSections(text: string, isKnownTerm: (lower: string) => boolean): SectionedText {
  // Heading lines are classified whole: "Frequently Asked QuestionsAbout X" must stay one 'other' heading.
  const lines = splitGluedHeadings(text, isKnownTerm).split('\n')
    .flatMap((line) => (classifyHeading(line) ? [line] : splitGluedWords(line, isKnownTerm).split('\n')));
  const { labelLines } = findLabels(lines);
  const lineSection: LineKind[] = [];
  const headingLines = new Set<number>();
  const parts: Record<SectionName, string[]> = { about: [], responsibilities: [], requirements: [], niceToHave: [], benefits: [] };
  const aboutNames: string[] = [];
  let current: LineKind = null;
  let inFaq = false;
  lines.forEach((line, i) => {
    // "Requirements: 5+ years of Go" is a heading with its first line inline.
    const inline = /^([^:：]{3,40})[:：]\s*(\S.*)$/.exec(line);
    // Labels with their value, such as "Location: Pune" or "Salary: €60k", are fields, not section breaks.
    const fieldLine = inline !== null && labelLines.has(i);
    const direct = fieldLine ? null : classifyHeading(line);
    const inlineKind = !fieldLine && !direct && inline?.[1] && inline[1].split(' ').length <= 4 ? classifyHeading(inline[1]) : null;
    const kind = direct ?? (inlineKind === 'other' ? null : inlineKind);
    if (kind) {
      current = kind;
      inFaq = kind === 'other' && FAQ_HEADING.test(line.replace(MARKUP, '').trim());
      headingLines.add(i);
      const name = ABOUT_NAME.exec(line.replace(MARKUP, '').trim())?.[1];
      if (kind === 'about' && name && !NOT_A_NAME.test(name)) aboutNames.push(name);
      if (kind !== 'other' && parts[kind].length) parts[kind].push('');
    } else if (inFaq && QUESTION.test(line)) {
      // Each question opens a part of no known kind, so the answer's tools and licences are read.
      current = null;
    }
    lineSection.push(current);
    const body = kind ? (inlineKind ? inline?.[2] : undefined) : labelLines.has(i) ? undefined : line;
    if (current && current !== 'other' && body && body.trim()) parts[current].push(body.trim());
  });
  const join = (xs: string[]) => xs.join('\n').replace(/\n{3,}/g, '\n\n').trim() || null;
  return {
    lines, lineSection, headingLines, aboutNames,
    sections: {
      about: join(parts.about), responsibilities: join(parts.responsibilities), requirements: join(parts.requirements),
      niceToHave: join(parts.niceToHave), benefits: join(parts.benefits),
    },
  };
}
