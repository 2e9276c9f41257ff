/**
 * The employer or recruiter, as the posting names it: a "Company:" label, the name line boards put
 * under the title, or the subject of the sentence that introduces the employer ("Acme Ltd is hiring",
 * "Based in Leeds, Acme is a …").
 */
import { resolvePlaces } from './jd.locations.ts';

/** Capitalised words joined by the small words and marks organisation names use ("Health New Zealand | Te Whatu Ora"). */
const ORG = "\\p{Lu}[\\p{L}\\d.'’&-]*(?:\\s(?:(?:of|and|for|the|de|du|la|des|&|\\|)\\s)?[\\p{Lu}(][\\p{L}\\d.'’&()-]*){0,8}";
/** What may sit between a name and its verb: "in Nairobi, Kenya", or "(doing business as … (PTFCF), Inc.)". */
const ASIDE = "(?:\\sin\\s\\p{Lu}[\\p{L}-]+(?:,\\s\\p{Lu}[\\p{L}-]+)?|\\s\\((?:[^()]|\\([^()]*\\))*\\)|\\s[–—-]\\s[^.–—]{1,40}?\\slocation)?";
const ORG_SENTENCES = [
  // "Acme is hiring", "the ILO invites interested candidates", "Acme – Riverside location is looking for".
  new RegExp(`(?:^|[,.]\\s)(?:[Tt]he\\s)?(${ORG})${ASIDE}\\s(?:(?:is|are)\\s(?:now\\s)?(?:hiring|looking for|searching for|seeking|recruiting)|invites|welcomes|values|seeks|(?:is|are)\\s(?:exceptionally\\s|very\\s)?proud)\\b`, 'u'),
  // "… is a …" only where the sentence says what kind of employer: "DigitalOcean is a high-growth technology company".
  new RegExp(`(?:^|,\\s)(?:The\\s)?(${ORG})${ASIDE}\\s(?:is|are)\\s(?:a|an|the|one of)\\s[^.]{0,80}?\\b(?:company|employer|organi[sz]ation|business|firm|agency|provider|charity|council|institution|startup|group|brand|retailer|manufacturer|non-?profit|ngo)\\b`, 'u'),
  new RegExp(`^(?:The\\s)?(${ORG})\\shas\\s(?:a|an)\\s`, 'u'),
];
/** Weaker signs, read only when no sentence introduces the employer: a legal form, or "Acme's mission". */
// Starts at a word's start and bounds each word, so a long run of letters is not re-read from every capital.
const NAME_WORDS = "(?<![\\p{L}\\d.'’&-])\\p{Lu}[\\p{L}\\d.'’&-]{0,30}(?:\\s\\p{Lu}[\\p{L}\\d.'’&-]{0,30}){0,4}";
const ORG_MENTIONS = [
  new RegExp(`(${NAME_WORDS},?\\s(?:Inc\\.|LLC|L\\.L\\.C\\.|Ltd\\.?|Limited|GmbH|plc|PLC|Pty\\sLtd|Corp\\.|Corporation|S\\.A\\.|B\\.V\\.|AG))(?![\\p{L}])`, 'u'),
  new RegExp(`(${NAME_WORDS})['’]s\\s(?:mission|vision|values|culture|goals)\\b`, 'u'),
];
/** Lines under a title that are not a name: chrome, fields, workplace words, headings. */
const NOT_A_NAME = /^(?:remote|hybrid|on-?site|full[- ]?time|part[- ]?time|contract|temporary|permanent|casual|seasonal|internship|new|featured|urgent|about .*|job description|job details|overview|description|summary|apply|save|share)$/i;
/** Sentence openers the name pattern would otherwise take for a name ("We are hiring", "This role is"). */
const NOT_AN_ORG = /^(?:we|what|this|that|these|those|it|they|you|our|your|here|there|who|which|each|every|all|job|role|position|candidates?|applicants?)\b/i;

/** "| The Football Association |" → "The Football Association"; "Jobgether (on behalf of a partner company)" → "Jobgether". */
export function cleanCompany(raw: string): string {
  return raw.replace(/\s*\((?:on behalf of|for|via)\b[^)]*\)/i, '').replace(/^[\s|•·*,:-]+|[\s|•·*,:-]+$/g, '').trim().slice(0, 200);
}

/** Whether a line under the title reads as an organisation's name. */
export function readsAsName(line: string): boolean {
  const words = line.split(/\s+/);
  return words.length <= 8 && line.length <= 80 && /^[^\p{L}]*\p{Lu}/u.test(line) && !/[.!?:;]$/.test(line)
    && !line.includes(':') && !NOT_AN_ORG.test(line) && (line.match(/\d/g) ?? []).length < 2 && !NOT_A_NAME.test(line) && !/^[•*·-]/.test(line) && !/https?:|www\.|@|\$|€|£/.test(line)
    && !/\b(?:is|are|was|we|you|our|will|closing|closes|posted|apply)\b/i.test(line);
}

/** The name line under the title; "Leitrim" above "Leitrim County Council" is the fuller name's start. */
export function nameUnderTitle(following: readonly string[]): string | null {
  const [line, next] = following.map((l) => l.replace(/^#{1,6}\s*/, ''));
  if (!line || !readsAsName(line)) return null;
  const name = next && next.length > line.length && next.startsWith(`${line} `) && readsAsName(next) ? next : line;
  return cleanCompany(name) || null;
}

/** The subject of the sentence that introduces the employer, in the first lines. */
export function companyFromSentences(lines: readonly string[]): string | null {
  const fits = (name: string | undefined): name is string =>
    !!name && name.split(/\s+/).length <= 9 && !NOT_AN_ORG.test(name) && !resolvePlaces(name, true);
  // Every line for a sentence that introduces the employer first; only then the weaker mentions.
  for (const patterns of [ORG_SENTENCES, ORG_MENTIONS]) {
    for (const line of lines) {
      for (const pattern of patterns) {
        const name = pattern.exec(line)?.[1];
        if (fits(name)) return cleanCompany(name);
      }
    }
  }
  return null;
}
