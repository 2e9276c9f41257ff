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
  ['niceToHave', /\b(?:nice[- ]to[- ]haves?|bonus|preferred|desirable|good[- ]to[- ]haves?|pluses|plus points|extra credit|optional|would be a plus)\b/i],
  ['benefits', /\b(?:benefits?|perks?|what we offer|we offer|what you(?:'ll| will) get|why (?:join|work)|compensation|salary|rewards|what's in it for you)\b/i],
  ['about', /^(?:about\b|who we are\b|our (?:company|story|mission)\b|company (?:overview|description)\b|overview\b|(?:job |role |position )?(?:summary|description)\b|introduction\b|the company\b|the opportunity\b)/i],
  ['other', /^(?:how to apply|apply\b|note\b|notes\b|faq|frequently asked|related\b|application process|equal (?:opportunity|employment)|eeo\b|disclaimer|share\b|tools and programs|location\b|contact\b|interview process|hiring process|next steps|job description examples|skip to)/i],
  ['responsibilities', /\b(?:responsibilit(?:y|ies)|what you(?:'ll| will) (?:do|be doing|work on)|duties|your role|the role|role overview|day[- ]to[- ]day|your mission|in this role|key tasks|your tasks|accountabilities|job functions|what the job involves)\b/i],
  ['requirements', /\b(?:requirements?|qualifications?|must[- ]haves?|who you are|what you(?:'ll)? (?:need|bring)|what we(?:'re| are) looking for|you (?:have|bring|should have)|skills|experience required|prerequisites|your profile|profile|competencies|eligibility|about you|criteria|what you need)\b/i],
];
const MARKUP = /^(?:#{1,6}\s*|[*_]{1,3}|\d{1,2}[.)]\s+)|[*_]{1,3}$|\s*[:：]$/g;
// A heading glued into running text: "...to talk.Key ResponsibilitiesDesign, develop...".
// Word lengths are bounded so a 100 KB run of letters cannot make the regex backtrack quadratically.
const GLUED_HEADING = /(?:(?:[A-Z][\w'-]{0,24}|&|to|and|of)\s){0,3}(?:Responsibilities|Requirements|Qualifications|Skills|Benefits|Perks|Offer|Duties|Expectations|Nice to [Hh]ave|Must[- ][Hh]aves?|How to Apply|Note)(?=[:\n]|[A-Z₹$€£]|$)/g;

export function classifyHeading(raw: string): Exclude<LineKind, null> | null {
  if (raw.length > 90) return null;
  const marked = /^#{1,6}\s|^\*\*.*\*\*:?$|^__.*__:?$/.test(raw);
  const line = raw.replace(MARKUP, '').trim();
  if (line.length < 3 || line.length > 70 || /[.,;!?]$/.test(line)) return null;
  if (line.split(' ').length > 9 || (!marked && !/^[\p{Lu}\d]/u.test(line))) return null;
  for (const [kind, re] of HEADING_RULES) if (re.test(line)) return kind;
  return null;
}

function isGlueBoundary(text: string, i: number): boolean {
  if (i === 0) return true;
  const prev = text[i - 1] ?? '';
  return prev === '\n' || /[\p{Ll}\d.)!?:]/u.test(prev);
}

/** Puts glued headings on their own line; needs the glue on the left and a capital/colon/EOL on the right. */
export function splitGluedHeadings(text: string): string {
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
    if (classifyHeading(heading) === null) continue;
    const after = text[end] === ':' ? end + 1 : end;
    out += text.slice(last, start) + (start > 0 && text[start - 1] !== '\n' ? '\n' : '') + heading + '\n';
    last = after;
  }
  return out + text.slice(last);
}

const ABOUT_NAME = /^(?:About|ABOUT)\s+([\p{Lu}][\p{L}\d&.'-]{0,30}(?:\s[\p{Lu}][\p{L}\d&.'-]{0,30}){0,3})$/u;
const NOT_A_NAME = /^(?:us|the|this|you|our|me|role|company|position|job|team|we)\b/i;

// "(fully remote)Direct", "development.This": a closing paren or full stop directly before a capitalised word.
const GLUED_SENTENCE = /(\)|[a-z]{2}[.!?])(?=[A-Z][a-z])/g;
// Candidate glue points: a lowercase letter (or "APIs") directly followed by a capital.
const CAMEL_POINT = /[a-z\u00df-\u00ff](?=[A-Z\u00c0-\u00de])/g;
const isLetter = (ch: string | undefined) => ch !== undefined && /[A-Za-z\u00c0-\u024f]/.test(ch);

/**
 * Breaks words glued across lost line breaks ("projectsBuild", "MongoDBImplement", "APIsUse") unless the
 * whole word is a known term such as JavaScript. The right part must be a plain capitalised word or a known
 * term, the left part end in 3+ lowercase letters (or "APIs") or be a known term.
 */
export function splitGluedWords(text: string, isKnownTerm: (lower: string) => boolean): string {
  const src = text.replace(GLUED_SENTENCE, '$1\n');
  let out = '';
  let last = 0;
  CAMEL_POINT.lastIndex = 0;
  for (let m = CAMEL_POINT.exec(src); m; m = CAMEL_POINT.exec(src)) {
    let a = m.index, b = m.index + 1;
    while (a > 0 && isLetter(src[a - 1])) a--;
    while (b < src.length && isLetter(src[b])) b++;
    CAMEL_POINT.lastIndex = b; // one decision per word keeps this linear
    const word = src.slice(a, b);
    if (word.length > 60 || isKnownTerm(word.toLowerCase())) continue;
    // The split may sit at this point or, for "MongoDBImplement", at a later capital of the same word.
    for (let p = m.index + 1 - a; p < word.length - 2; p++) {
      if (word[p] === word[p]?.toLowerCase()) continue;
      const left = word.slice(0, p), right = word.slice(p);
      const rightIsWord = /^[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]{2,}$/.test(right) || isKnownTerm(right.toLowerCase());
      if (rightIsWord && (/[a-z]{3}$|[A-Z]{2,}s$/.test(left) || isKnownTerm(left.toLowerCase()))) {
        out += src.slice(last, a + p) + '\n';
        last = a + p;
        break;
      }
    }
  }
  return out + src.slice(last);
}

export function splitSections(text: string, isKnownTerm: (lower: string) => boolean): SectionedText {
  // Heading lines are classified whole: "Frequently Asked QuestionsAbout X" must stay one 'other' heading.
  const lines = splitGluedHeadings(text).split('\n')
    .flatMap((line) => (classifyHeading(line) ? [line] : splitGluedWords(line, isKnownTerm).split('\n')));
  const { labelLines } = findLabels(lines);
  const lineSection: LineKind[] = [];
  const headingLines = new Set<number>();
  const parts: Record<SectionName, string[]> = { about: [], responsibilities: [], requirements: [], niceToHave: [], benefits: [] };
  const aboutNames: string[] = [];
  let current: LineKind = null;
  lines.forEach((line, i) => {
    // "Requirements: 5+ years of Go" is a heading with its first line inline.
    const inline = /^([^:：]{3,40})[:：]\s*(\S.*)$/.exec(line);
    // Inline labels such as "Location: Pune" are fields, not section breaks, so 'other' is ignored there.
    const direct = classifyHeading(line);
    const inlineKind = !direct && inline?.[1] && inline[1].split(' ').length <= 4 ? classifyHeading(inline[1]) : null;
    const kind = direct ?? (inlineKind === 'other' ? null : inlineKind);
    if (kind) {
      current = kind;
      headingLines.add(i);
      const name = ABOUT_NAME.exec(line.replace(MARKUP, '').trim())?.[1];
      if (kind === 'about' && name && !NOT_A_NAME.test(name)) aboutNames.push(name);
      if (kind !== 'other' && parts[kind].length) parts[kind].push('');
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
