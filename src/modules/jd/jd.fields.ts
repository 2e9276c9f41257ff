/** Title, company, employment type, workplace and years of experience. */
import type { EmploymentType, Workplace } from './jd.schemas.ts';

const ROLE_NOUN = /\b(?:engineer|developer|programmer|manager|intern|internship|designer|analyst|scientist|architect|nurse|accountant|consultant|specialist|coordinator|assistant|administrator|director|lead|officer|representative|associate|technician|executive|writer|editor|teacher|tester|agent|clerk|cashier|driver|operator|recruiter|lawyer|attorney|paralegal|pharmacist|therapist|physician|chef|cook|supervisor|advisor|adviser|strategist|marketer|researcher|trainee|apprentice|receptionist|bookkeeper|auditor|controller|planner|buyer|electrician|mechanic|welder|carpenter|plumber|counsel(?:l)?or|caregiver|aide|head of|vp|president|owner|sre|devops|cto|ceo|cfo)s?\b/i;
const TITLE_DEBRIS = /(?:job description|job posting|job details)$/i;

/** "Backend Developer Intern (Remote)" → "Backend Developer Intern"; "Python Developer • India" → "Python Developer". */
export function cleanTitle(raw: string): string {
  const first = raw.split(/\s[•|·]\s|\s[-–—]\s/).find((s) => ROLE_NOUN.test(s)) ?? raw;
  return first.replace(/\s*\([^)]*\)\s*/g, ' ').replace(TITLE_DEBRIS, '').replace(/^(?:we(?:'re| are) hiring:?|hiring:?|now hiring:?)\s*/i, '')
    .replace(/[\s:,-]+$/, '').trim().slice(0, 200);
}

export function guessTitle(lines: string[], headingLines: Set<number>): string | null {
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/^#{1,6}\s*|\*\*/g, '').trim();
    if (headingLines.has(i) || line.length < 4 || line.length > 90 || /[.!?:;]$/.test(line)) continue;
    const words = line.split(' ');
    const capitalised = words.filter((w) => /^[\p{Lu}\d(&]/u.test(w)).length;
    if (words.length <= 10 && capitalised >= words.length * 0.6 && ROLE_NOUN.test(line)) return cleanTitle(line) || null;
  }
  return null;
}

const NAME = "[\\p{Lu}][\\p{L}\\d&.'-]{1,30}(?:\\s[\\p{Lu}][\\p{L}\\d&.'-]{1,30}){0,2}";
const COMPANY_PHRASE = new RegExp(`\\b(?:at|join)\\s+(${NAME})\\s+(?:is hiring|is looking|are looking|is seeking)|(?:^|\\n)(${NAME}) is (?:hiring|looking for|seeking)\\b`, 'u');

export function guessCompany(text: string, aboutNames: string[]): string | null {
  const about = aboutNames.find((n) => n.split(' ').length <= 3 && !ROLE_NOUN.test(n) && !/\bhiring\b/i.test(n));
  if (about) return about;
  const m = COMPANY_PHRASE.exec(text);
  return m?.[1] ?? m?.[2] ?? null;
}

const EMPLOYMENT_PATTERNS: [EmploymentType, RegExp][] = [
  ['INTERN', /\b(?:intern|internship|interns|trainee(?:ship)?|co-?op|praktikum|praktikant(?:in)?|werkstudent(?:in)?|stagiaire|alternance|alternant(?:e)?)\b|\bstage\s(?:de|d['’]|en|h\/f)\b/i],
  ['PER_DIEM', /\bper[- ]diem\b/i],
  ['VOLUNTEER', /\bvolunteer(?:ing)? (?:role|position|opportunity|basis)\b|\bunpaid volunteer\b/i],
  ['PART_TIME', /\bpart[- ]?time\b|\bteilzeit\b|\btemps partiel\b|\bmi-temps\b/i],
  ['CONTRACTOR', /\b(?:contractor|freelance(?:r)?|freiberuflich(?:e|er)?|indépendant(?:e)?|portage salarial|contract(?:[- ]to[- ]hire)?\s(?:role|position|basis|job|contract|engagement|assignment)|\d+[- ]month contract|1099|c2c|corp[- ]to[- ]corp)\b/i],
  ['TEMPORARY', /\b(?:temporary|temp|seasonal)\s(?:role|position|job|assignment|contract|basis|staff|worker)\b|\bmaternity cover\b/i],
  ['FULL_TIME', /\bfull[- ]?time\b|\bpermanent\s(?:role|position|job|contract)\b|\bvollzeit\b|\bunbefristet(?:e|er|en)?\b|\bfestanstellung\b|\bCDI\b|\btemps (?:plein|complet)\b/i],
];
const LABEL_TYPE_WORDS: [EmploymentType, RegExp][] = [
  ['INTERN', /\bintern|praktik|werkstudent|stagiaire|\bstage\b|alternan/i], ['PER_DIEM', /per[- ]diem/i], ['VOLUNTEER', /volunteer|bénévol|ehrenamt/i],
  ['PART_TIME', /part[- ]?time|teilzeit|temps partiel|mi-temps/i],
  ['CONTRACTOR', /contract|freelance|freiberuf|indépendant/i], ['TEMPORARY', /temp(?!s)|seasonal|(?<!un)befristet|\bcdd\b|intérim|saisonn/i],
  ['FULL_TIME', /full[- ]?time|permanent|vollzeit|unbefristet|festanstellung|\bcdi\b|temps plein|temps complet/i],
];

/** Title and labels beat body text; an internship stays INTERN even if also called full-time. */
/**
 * The nature of the contract comes before its hours: a fixed-term, seasonal or casual post is
 * TEMPORARY even when a board also says "Full-time" (schema.org's reading of employmentType).
 */
const TEMPORARY_SIGNS = [
  /\b(?:temporary|seasonal|casual)\s+(?:[\w-]+\s+){0,3}?(?:role|position|job|post|worker|staff|employment|contract|assignment|basis|labou?rers?|officer|vacancy|opening)s?\b/i,
  /\bfixed[- ]term\b/i,
  /\bshort[- ]term\b(?:\s+[\w()-]+){0,3}?\s+(?:contract|position|role|assignment|appointment)\b/i,
  /\bcontract type:\s*(?:short[- ]term|temporary)\b/i,
  /\bcontract\/temp\b/i,
  // German and French: "befristet" (not "unbefristet"), a CDD, interim or seasonal work.
  /\bbefristet(?:e|er|en|es)?\b/i, /\bCDD\b/, /\bintérim(?:aire)?\b/i, /\bsaisonnier|\bsaisonarbeit|\bsaisonstelle/i,
  /\b(?:is|are) temporary\b/i,
  /\bposition for (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) months\b/i,
];
/** A board chip on a line of its own: "SEASONAL", "• Contract/temp". */
const TEMPORARY_CHIP = /^[\s•*·-]*(?:temporary|seasonal|casual|temp|fixed[- ]term|contract\/temp)\s*$/im;
const TEMPORARY_TITLE = /\b(?:temporary|seasonal|casual|temp|fixed[- ]term)\b/i;
/** "Full Time or Part Time": the hours are left open, so no type is stated. */
const EITHER_HOURS = /\b(?:full[- ]?time (?:or|and|\/) part[- ]?time|part[- ]?time (?:or|and|\/) full[- ]?time)\b/i;

export function detectEmploymentType(title: string | null, labelValues: string[], body: string): { type: EmploymentType | null; conflict: boolean } {
  const fromLabels = LABEL_TYPE_WORDS.filter(([, re]) => labelValues.some((v) => re.test(v))).map(([t]) => t);
  const titleIntern = title !== null && /\b(?:intern|internship|trainee|praktikum|praktikant(?:in)?|werkstudent(?:in)?|stagiaire|alternant(?:e)?)\b/i.test(title);
  if (titleIntern || fromLabels.includes('INTERN')) {
    return { type: 'INTERN', conflict: fromLabels.some((t) => t === 'FULL_TIME' || t === 'PART_TIME') };
  }
  // A board's "Job type: Contract" is the contract's nature too, and says more than a "Casual" in the title.
  if (fromLabels.includes('CONTRACTOR')) return { type: 'CONTRACTOR', conflict: false };
  if ((title !== null && TEMPORARY_TITLE.test(title)) || TEMPORARY_CHIP.test(body) || TEMPORARY_SIGNS.some((re) => re.test(body))) {
    return { type: 'TEMPORARY', conflict: false };
  }
  // "PT" in a title is the boards' short form of part-time ("Laborer (PT Days)").
  if (title !== null && /\bPT\b/.test(title)) return { type: 'PART_TIME', conflict: false };
  if (labelValues.some((v) => EITHER_HOURS.test(v)) || EITHER_HOURS.test(body)) return { type: null, conflict: false };
  if (fromLabels[0]) return { type: fromLabels[0], conflict: false };
  let best: { type: EmploymentType; index: number } | null = null;
  for (const [type, re] of EMPLOYMENT_PATTERNS) {
    const m = re.exec(body);
    if (m && (!best || m.index < best.index)) best = { type, index: m.index };
  }
  return { type: best?.type ?? null, conflict: false };
}

const HYBRID = /\bhybrid\b|\bhybride\b|\btélétravail (?:partiel|possible|\d jours?)|\b(?:teilweise|tageweise) (?:im )?home-?office\b|\bhome-?office (?:möglich|option|an \d)|\b(?:\d|one|two|three|four)\s(?:days?|times)\s(?:a|per|each)\sweek\s(?:in|at)\s(?:the\s)?office\b|\b(?:\d|one|two|three|four)\sdays?\s(?:a week\s)?(?:in|at)\s(?:the\s)?office\b|\bpartly remote\b|\bremote[- ]friendly\b|\b(?:option|opportunity|ability|flexibility) (?:of|to) work(?:ing)? from home\b|\bwork(?:ing)? from home (?:up to |for )?(?:\d|one|two|three|four) days?\b/i;
const REMOTE_STRONG = /\b(?:fully|100%|completely|entirely|full)[- ]remote\b|\b(?:100\s?%|vollständig|komplett) (?:remote|im home-?office)\b|\btélétravail (?:complet|total|à 100\s?%)|\bremote[- ](?:first|only)\b|\bwork(?:ing)? from home\b|\bwfh\b|\bwork from anywhere\b|\b(?:this is a|is a|fully a) remote\b|\(remote\)|\bremote (?:role|position|job|opportunity|internship|work)\b|\bremote\b(?=\s*(?:$|[,;|)]))/im;
/** A board's "Remote" chip run into the text before it ("$60 - $80Remote"), as copied pages come out. */
const GLUED_REMOTE = /(?<=[a-z\d)])Remote(?=\s*$)/m;
const NOT_REMOTE = /\b(?:not|no|isn't|non)[- ]remote\b|\bnot (?:a )?remote\b/i;
const ONSITE = /\bon[- ]?site\b(?!\s(?:meetings?|visits?|events?))|\bvor ort\b|\bsur site\b|\ben présentiel\b|\bin[- ]office\b|\bin the office\b|\boffice[- ]based\b|\bwork from (?:the )?office\b|\bwfo\b|\bin[- ]person\b/i;

export function detectWorkplace(labelValues: string[], title: string | null, body: string): Workplace | null {
  const label = [...labelValues, title ?? ''].join(' | ');
  if (HYBRID.test(label)) return 'hybrid';
  if (/\bremote\b/i.test(label) && !NOT_REMOTE.test(label)) return 'remote';
  if (ONSITE.test(label)) return 'onsite';
  if (HYBRID.test(body)) return 'hybrid';
  const remote = (REMOTE_STRONG.test(body) || GLUED_REMOTE.test(body)) && !NOT_REMOTE.test(body);
  const onsite = ONSITE.test(body) || NOT_REMOTE.test(body);
  if (remote && onsite) return 'hybrid';
  return remote ? 'remote' : onsite ? 'onsite' : null;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fifteen: 15, twenty: 20,
};
const N = '(\\d{1,2}(?:\\.\\d)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)';
const EXPERIENCE = new RegExp(
  `(?:(at least|minimum(?: of)?|min\\.?|over|more than|upwards of)\\s)?${N}(?:\\s\\(\\d{1,2}\\))?\\s?(?:\\+|plus)?\\s?(?:(?:-|–|—|to|\\s)\\s?${N}\\s?\\+?\\s?)?(?:years?|yrs?)\\b(?!\\s(?:old|ago|of age|in business|of history))([^.\\n]{0,60})`,
  'gi',
);
const EXPERIENCE_CONTEXT = /\bexperience|\bexp\b|\bbackground\b|\bworking\b|\bin (?:a|an|the)\b|\b(?:in|of|with|as|doing|building|developing|managing|leading|using|hands-on|professional|relevant|related|industry|commercial|proven|practical)\s+\w/i;
/** A figure of years that is not experience: ages, history of the employer, references, contract lengths. */
const NOT_EXPERIENCE = /\b(?:aged|age|ages)\s*$|\bfor\s*$|\bduration:?\s*$/i;

/** Years of experience only where the text says experience (a bare "for 45 years" or "1 year" is something else). */
// German and French: "mindestens 3 Jahre Berufserfahrung", "5 ans d'expérience", "Erfahrung von 2 Jahren", "expérience de 3 ans".
const EXPERIENCE_DE_FR = [
  /(?<![\d.,])(\d{1,2})\s?\+?\s?(?:(?:-|–|bis|à)\s?\d{1,2}\s?)?(?:jahre?n?|ans?)\b[^.\n]{0,40}?(?:erfahrung|expérience)/i,
  /(?:erfahrung|expérience)\s(?:von|de)\s(?:mindestens\s|au moins\s|plus de\s)?(\d{1,2})\s?(?:jahren?|ans?)\b/i,
];

export function extractExperience(text: string): number | null {
  return englishExperience(text) ?? germanOrFrenchExperience(text);
}

function germanOrFrenchExperience(text: string): number | null {
  for (const re of EXPERIENCE_DE_FR) {
    const value = Number(re.exec(text)?.[1] ?? NaN);
    if (value >= 0 && value <= 50) return value;
  }
  return null;
}

function englishExperience(text: string): number | null {
  for (const m of text.matchAll(EXPERIENCE)) {
    const first = m[2] ?? '';
    const value = Math.floor(NUMBER_WORDS[first.toLowerCase()] ?? Number(first));
    const second = m[3] ? NUMBER_WORDS[m[3].toLowerCase()] ?? Number(m[3]) : null;
    if (!(value >= 0 && value <= 50) || (second !== null && second < value)) continue;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (NOT_EXPERIENCE.test(before) || /^'?s?\s*(?:employment history|of age|old)\b/i.test(m[4] ?? '')) continue;
    if (EXPERIENCE_CONTEXT.test(m[4] ?? '') || /experience/i.test(before)) return value;
  }
  return null;
}
