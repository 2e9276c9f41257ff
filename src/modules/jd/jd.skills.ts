/** Skill extraction: one pass over tokens with an alias map built once from data/skills.v2.json. */
import currencies from '../../../data/currencies.v1.json' with { type: 'json' };
import taxonomy from '../../../data/skills.v2.json' with { type: 'json' };
import type { ParsedSkill } from './jd.schemas.ts';
import type { LineKind } from './jd.sections.ts';
import { wordingOf } from './jd.skill-wording.ts';

/** What a taxonomy entry is: a hard skill (the default), a competency (soft skill, duty, subject area) or a spoken language. */
export type SkillKind = 'skill' | 'competency' | 'language';
interface Entry { skill: string; tech: boolean; forms: string[] | null; kind: SkillKind; certifiable: boolean }
/** `sep` is what the text puts between the previous token and this one (" ", "-", "/" or nothing). */
interface Token { text: string; lower: string; hyphen: boolean; lineStart: boolean; sep: string }

const aliasMap = new Map<string, Entry>();
// Every proper word-prefix of a multi-word alias, so matching extends a phrase only while it can still match.
const multiPrefix = new Set<string>();
const TECH_CATEGORIES = new Set(['programming-language', 'backend', 'frontend', 'mobile', 'database', 'data', 'ml', 'devops', 'cloud', 'testing', 'security', 'tools', 'engineering']);
type TaxonomyEntry = { name: string; category: string; aliases: string[]; ambiguousForms?: string[]; kind?: SkillKind; certifiable?: boolean; broader?: string };
// A narrower skill found makes its broader one redundant: "Class A CDL" and later "CDL" are one licence.
const broaderOf = new Map<string, string>();
for (const s of taxonomy.skills as TaxonomyEntry[]) {
  const tech = TECH_CATEGORIES.has(s.category);
  const kind = s.kind ?? 'skill';
  const certifiable = s.certifiable === true;
  if (s.broader) broaderOf.set(s.name, s.broader);
  // Ambiguous spellings claim their lowercase key, so a lowercase "go" never reaches the plain alias path.
  for (const form of s.ambiguousForms ?? []) {
    const key = form.toLowerCase();
    const prev = aliasMap.get(key);
    aliasMap.set(key, { skill: s.name, tech, forms: [...(prev?.forms ?? []), form], kind, certifiable });
  }
  for (const alias of [s.name, ...s.aliases]) {
    const words = alias.toLowerCase().split(' ');
    const key = words.join(' ');
    if (!aliasMap.has(key)) aliasMap.set(key, { skill: s.name, tech, forms: null, kind, certifiable });
    for (let n = 1; n < words.length; n++) multiPrefix.add(words.slice(0, n).join(' '));
  }
}

// Letters are spelled as ranges (Latin, Greek to Ethiopic, CJK) because \p{L} is several times slower here.
const CHUNK = /[A-Za-z0-9\u00c0-\u024f\u0370-\u1fff\u3040-\u9fff.#+][A-Za-z0-9\u00c0-\u024f\u0370-\u1fff\u3040-\u9fff.+#/&_'-]*/g;
const NICE_CUE = /\b(?:nice[- ]to[- ]have|bonus|a plus|preferred|desirable|good[- ]to[- ]have|optional|advantage(?:ous)?|not required|would be great)\b/i;
const TECH_WORDS = new Set([
  'programming', 'language', 'languages', 'developer', 'developers', 'engineer', 'engineers', 'framework', 'frameworks',
  'backend', 'frontend', 'coding', 'code', 'stack', 'experience', 'proficiency', 'proficient', 'knowledge', 'expertise',
  'skills', 'familiarity', 'certified', 'certification', 'using', 'written', 'development', 'libraries', 'tools', 'scripting',
]);

const known = (lower: string) => aliasMap.has(lower) || multiPrefix.has(lower);
export const isKnownTerm = (lower: string): boolean => aliasMap.has(lower);
/** The taxonomy's name for a spelling ("Photoshop" → "adobe photoshop"), or the spelling lower-cased when it is unknown. */
export const canonicalSkillName = (name: string): string => aliasMap.get(name.toLowerCase())?.skill ?? name.toLowerCase();

const isUpper = (ch: string) => ch !== ch.toLowerCase();
const isLower = (ch: string) => ch !== ch.toUpperCase();

function camelPieces(raw: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 1; i < raw.length; i++) {
    const a = raw[i - 1] ?? '', b = raw[i] ?? '', c = raw[i + 1] ?? '';
    if ((isLower(a) && isUpper(b)) || (isUpper(a) && isUpper(b) && isLower(c))) {
      pieces.push(raw.slice(start, i));
      start = i;
    }
  }
  pieces.push(raw.slice(start));
  return pieces;
}

const SENTENCE_END = '.!?:';
const LEADING_JUNK = "/'&_-";
const TRAILING_JUNK = ".-/'&_:";

function trimChunk(raw: string): string {
  let a = 0, b = raw.length;
  while (a < b && LEADING_JUNK.includes(raw[a] ?? '')) a++;
  while (b > a && TRAILING_JUNK.includes(raw[b - 1] ?? '')) b--;
  return raw.slice(a, b);
}

/** Splits a punctuation-heavy chunk only when the whole chunk is not itself a known alias (C++, CI/CD, Node.js). */
const PLAIN_WORD = /^[a-z]+$|^[A-Z][a-z]*$|^[A-Z]+$/;

function expand(raw: string, out: Token[], hyphen: boolean, sep: string): void {
  // Fast path for the common case: a plain word with no punctuation or internal capitals.
  if (PLAIN_WORD.test(raw)) {
    out.push({ text: raw, lower: raw.toLowerCase(), hyphen, lineStart: false, sep });
    return;
  }
  const text = trimChunk(raw);
  if (!text) return;
  const lower = text.toLowerCase();
  if (known(lower)) {
    out.push({ text, lower, hyphen, lineStart: false, sep });
    return;
  }
  if (text[0] === '.') return expand(text.slice(1), out, hyphen, sep);
  for (const [split, isHyphen] of [['/', false], ['.', false], ['-', true]] as const) {
    if (text.includes(split)) {
      text.split(split).forEach((part, k) => expand(part, out, hyphen || isHyphen, k === 0 ? sep : split));
      return;
    }
  }
  const pieces = /\p{Ll}\p{Lu}|\p{Lu}\p{Lu}\p{Ll}/u.test(text) ? camelPieces(text) : [text];
  for (let i = 0; i < pieces.length;) {
    let j = Math.min(pieces.length, i + 4); // aliases span at most a few camel pieces
    while (j > i + 1 && !aliasMap.has(pieces.slice(i, j).join('').toLowerCase())) j--;
    const piece = pieces.slice(i, j).join('');
    out.push({ text: piece, lower: piece.toLowerCase(), hyphen, lineStart: false, sep: i === 0 ? sep : '' });
    i = j;
  }
}

export function tokenize(line: string): Token[] {
  const out: Token[] = [];
  // exec on one shared regex: matchAll would clone the regex for every line.
  CHUNK.lastIndex = 0;
  let end = 0;
  for (let m = CHUNK.exec(line); m; m = CHUNK.exec(line)) {
    const first = out.length;
    // What the text puts between two words: a space, or short punctuation such as " / " in "CI / CD";
    // the start of a line counts as a space, for names that run on from the line before.
    const width = m.index - end;
    const gap = end === 0 || width > 3 || (width === 1 && line[end] === ' ') ? ' ' : line.slice(end, m.index).replace(/\s+/g, ' ');
    end = m.index + m[0].length;
    expand(m[0], out, false, gap);
    const token = out[first];
    if (token) token.lineStart = m.index === 0 || SENTENCE_END.includes(line[m.index - (line[m.index - 1] === ' ' ? 2 : 1)] ?? '');
  }
  return out;
}

const LEAD_INS = new Set(['in', 'with', 'using', 'via']);
const CERTIFICATE_WORDS = new Set(['certification', 'certifications', 'certificate', 'certificates', 'certified', 'card', 'cards']);

/**
 * An ambiguous spelling ("Go", "R", "Spring") counts only as written, never inside a hyphenated word or
 * before a year, and only next to a skill of the same kind (tech or not), a tech word, or after "in"/"with".
 * `accepted` holds ambiguous spellings already taken; `named`, the words of other names found, with their kind.
 */
function acceptAmbiguous(tokens: Token[], i: number, entry: Entry, accepted: Set<number>, named: Map<number, boolean>): boolean {
  const t = tokens[i];
  if (!t || t.hyphen || !entry.forms?.includes(t.text)) return false;
  const next = tokens[i + 1];
  if (entry.certifiable && CERTIFICATE_WORDS.has(next?.lower ?? '')) return true;
  if (next && /^(?:19|20)\d\d$/.test(next.text)) return false;
  const nextIsProse = next !== undefined && next.text === next.lower && !TECH_WORDS.has(next.lower) && next.lower !== 'and' && next.lower !== 'or';
  if (t.lineStart && nextIsProse) return false;
  if (LEAD_INS.has(tokens[i - 1]?.lower ?? '') && !nextIsProse) return true;
  for (let k = Math.max(0, i - 4); k <= Math.min(tokens.length - 1, i + 4); k++) {
    const o = tokens[k];
    if (k === i || !o) continue;
    if (TECH_WORDS.has(o.lower) || accepted.has(k) || named.get(k) === entry.tech) return true;
    const e = aliasMap.get(o.lower);
    if (e && e.forms === null && e.tech === entry.tech) return true;
  }
  return false;
}

// A certificate word right after a name: "Forklift certification", "AWS certified".
const NAMES_A_CERTIFICATE = new Set(['certification', 'certifications', 'certificate', 'certificates', 'certified']);
// Words that say how a skill is used, not what it is: "microservices architecture", "Agile methodologies".
const DESCRIPTORS = new Set(['architecture', 'architectures', 'methodology', 'methodologies', 'frameworks', 'skills']);
// Words that grade or qualify a skill or document: "advanced Excel", "a valid driver's license", "fluent English".
const QUALIFIERS = new Set(['valid', 'current', 'clean', 'active', 'advanced', 'basic', 'intermediate', 'fluent']);

/**
 * The matched words that name the skill: a qualifier before, or a descriptor after, a shorter spelling
 * of the same skill is left out; vendor words stay ("Apache Kafka", "Microsoft Excel").
 */
function namingWords(span: Token[], skill: string): Token[] {
  const spells = (words: Token[]) => aliasMap.get(words.map((t) => t.lower).join(' '))?.skill === skill;
  let words = span;
  if (words.length > 1 && QUALIFIERS.has(words[0]?.lower ?? '') && spells(words.slice(1))) words = words.slice(1);
  if (words.length > 1 && DESCRIPTORS.has(words[words.length - 1]?.lower ?? '') && spells(words.slice(0, -1))) words = words.slice(0, -1);
  return words;
}

const LIST_GLUE = new Set(['and', 'or', 'in']);
const LIST_BREAK = /[,;:()[\]|]/;
// The words of certifiable aliases ("first aid": "first", "aid") keep a run of them going.
const certifiableWords = new Set<string>();
for (const [key, entry] of aliasMap) if (entry.certifiable) for (const word of key.split(' ')) certifiableWords.add(word);
const CURRENCY_CODES = new Set(currencies.codes.map((c) => c.toLowerCase()));

/**
 * "CPR, First Aid and AED certification", "Certified American Red Cross First-Aid & CPR": a run of
 * certifiable terms with a certificate word after it, or before it past the issuer's capitalised
 * name, names certificates rather than skills.
 */
function namesCertificate(tokens: Token[], start: number, end: number): boolean {
  const inRun = (t: Token) => LIST_GLUE.has(t.lower) || certifiableWords.has(t.lower);
  for (let k = end; k < tokens.length && k < end + 12; k++) {
    const t = tokens[k];
    if (!t) break;
    if (CERTIFICATE_WORDS.has(t.lower)) return true;
    if (!inRun(t)) break;
  }
  for (let k = start - 1; k >= 0 && k >= start - 12; k--) {
    const t = tokens[k];
    if (!t) break;
    if (CERTIFICATE_WORDS.has(t.lower)) return true;
    if (!inRun(t) && !isUpper(t.text[0] ?? '')) break;
  }
  return false;
}

export interface FoundSkills {
  skills: ParsedSkill[]; competencies: ParsedSkill[]; languages: ParsedSkill[];
  /** Names mentioned under a requirements or nice-to-have heading. */
  askedFor: Set<string>;
}
const CONTINUATION_TOKENS = 4;
// A line that opens with a bullet starts a new item, not the rest of a name.
const LIST_MARK = /^\s*[-*•·▪●◦–]/;

export function extractSkills(lines: string[], lineSection: LineKind[]): FoundSkills {
  const found = new Map<string, { required: boolean; kind: SkillKind; asWritten: string }>();
  const askedFor = new Set<string>();
  // The first mention's wording stands for the skill: later ones are usually its abbreviation ("TDD").
  const note = (name: string, asWritten: string, kind: SkillKind, required: boolean, asked: boolean) => {
    const seen = found.get(name);
    found.set(name, { kind, asWritten: seen?.asWritten ?? asWritten, required: (seen?.required ?? false) || required });
    if (asked) askedFor.add(name);
  };
  lines.forEach((line, li) => {
    const section = lineSection[li];
    if (section === 'other') return;
    const nice = section === 'niceToHave' || NICE_CUE.test(line);
    const asked = section === 'requirements' || section === 'niceToHave';
    const own = tokenize(line);
    // Hard-wrapped text splits a name over two lines ("Adobe Creative" / "Suite"): a match that
    // starts on this line may run into the next one's first words.
    const next = lines[li + 1];
    const wraps = next !== undefined && !SENTENCE_END.includes(line.trimEnd().slice(-1)) && !LIST_MARK.test(next);
    const tokens = wraps ? [...own, ...tokenize(next).slice(0, CONTINUATION_TOKENS)] : own;
    const accepted = new Set<number>();
    const named = new Map<number, boolean>();
    for (let i = 0; i < own.length;) {
      let key = tokens[i]?.lower ?? '';
      let matched = 0;
      let entry = aliasMap.get(key);
      if (entry && entry.forms && !acceptAmbiguous(tokens, i, entry, accepted, named)) entry = undefined;
      // A currency code before an amount ("PhP 40,000") is money, not a skill.
      if (entry && CURRENCY_CODES.has(key) && /^\d/.test(tokens[i + 1]?.text ?? '')) entry = undefined;
      if (entry) matched = 1;
      // Longest match wins: "google cloud platform" over "google cloud".
      // A comma, semicolon, colon or bracket between two words ends a list item, so no name spans it.
      for (let len = 2; multiPrefix.has(key) && i + len <= tokens.length && !LIST_BREAK.test(tokens[i + len - 1]?.sep ?? ''); len++) {
        key += ' ' + (tokens[i + len - 1]?.lower ?? '');
        const longer = aliasMap.get(key);
        if (longer && !longer.forms) { entry = longer; matched = len; }
      }
      if (entry) {
        const certificate = entry.certifiable && namesCertificate(tokens, i, i + matched);
        const name = certificate ? `${entry.skill} certification` : entry.skill;
        const certified = certificate || NAMES_A_CERTIFICATE.has(tokens[i + matched]?.lower ?? '');
        note(name, wordingOf(namingWords(tokens.slice(i, i + matched), entry.skill), entry.skill, certified), entry.kind, !nice, asked);
        if (entry.forms) accepted.add(i);
        else for (let k = i; k < i + matched; k++) named.set(k, entry.tech);
      }
      i += matched || 1;
    }
  });
  for (const name of [...found.keys()]) {
    const broader = broaderOf.get(name) ?? (name.endsWith(' certification') ? name.slice(0, -' certification'.length) : undefined);
    if (broader) found.delete(broader);
  }
  const of = (kind: SkillKind): ParsedSkill[] => [...found].filter(([, f]) => f.kind === kind)
    .map(([name, f]) => ({ name, asWritten: f.asWritten, required: f.required }));
  return { skills: of('skill'), competencies: of('competency'), languages: of('language'), askedFor };
}
