/**
 * How one parse is scored against one gold label of a labelled set (the conventions are the set's
 * README, kept with the set outside this repository). Exact fields compare equal; locations compare by city, through
 * the parser's own place names, so "München" and "Munich" are one city. Skills count matches twice: exactly,
 * the label's names against the parser's `asWritten` (lower-case, trimmed), which is the headline; and
 * through the taxonomy's aliases on both sides, more leniently, so a label's "photoshop" is the parser's "adobe photoshop".
 */
import { canonicalCityName, canonicalSkillName, type ParsedJobDescription } from '../../src/modules/jd/index.ts';

export interface GoldLabel {
  file: string;
  title: string | null;
  company: string | null;
  employmentType: string | null;
  workplace: string | null;
  locations: string[];
  salary: { min: number | null; max: number | null; currency: string | null; unit: string | null } | null;
  experienceYearsMin: number | null;
  skills: string[];
  applyDeadline: string | null;
}

export const scoredFields = ['title', 'company', 'employmentType', 'workplace', 'locations', 'salary', 'experienceYearsMin', 'applyDeadline'] as const;
export type ScoredField = (typeof scoredFields)[number];

export interface PostingScore {
  /** Per exact field: whether the parse got it, and both values as text for the list of misses. */
  fields: Record<ScoredField, { hit: boolean; expected: string; got: string }>;
  /** Names compared exactly: the label's against what the parser says the text wrote. */
  skills: SkillCounts;
  /** Names compared through the taxonomy's aliases on both sides. */
  skillsByAlias: SkillCounts;
}
export interface SkillCounts { truePositives: number; falsePositives: string[]; falseNegatives: string[] }

function countSkills(expected: ReadonlySet<string>, got: ReadonlySet<string>): SkillCounts {
  return {
    truePositives: [...got].filter((s) => expected.has(s)).length,
    falsePositives: [...got].filter((s) => !expected.has(s)),
    falseNegatives: [...expected].filter((s) => !got.has(s)),
  };
}

const spaces = (s: string | null): string | null => (s === null ? null : s.replace(/\s+/g, ' ').trim());
const show = (v: unknown): string => JSON.stringify(v);

/** The city of a "City, Region/Country" label: its GeoNames name when known, else the text folded. */
export function cityKey(label: string): string {
  const city = (label.split(',')[0] ?? '').trim();
  const canonical = canonicalCityName(city) ?? canonicalCityName(city.normalize('NFD').replace(/\p{M}/gu, ''));
  return (canonical ?? city).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Every stated city found; a posting that states none must get none. */
export function locationsHit(expected: readonly string[], got: readonly string[]): boolean {
  const found = new Set(got.map(cityKey));
  return expected.length === 0 ? got.length === 0 : expected.every((label) => found.has(cityKey(label)));
}

export function scorePosting(gold: GoldLabel, parsed: ParsedJobDescription): PostingScore {
  const salary = parsed.salary ? { min: parsed.salary.min, max: parsed.salary.max, currency: parsed.salary.currency, unit: parsed.salary.unit } : null;
  const exact = (expected: unknown, got: unknown) => ({ hit: show(expected) === show(got), expected: show(expected), got: show(got) });
  const fields: PostingScore['fields'] = {
    title: exact(spaces(gold.title), spaces(parsed.title)),
    company: exact(spaces(gold.company)?.toLowerCase() ?? null, spaces(parsed.company)?.toLowerCase() ?? null),
    employmentType: exact(gold.employmentType, parsed.employmentType),
    workplace: exact(gold.workplace, parsed.workplace),
    locations: { hit: locationsHit(gold.locations, parsed.locations), expected: show(gold.locations), got: show(parsed.locations) },
    salary: exact(gold.salary, salary),
    experienceYearsMin: exact(gold.experienceYearsMin, parsed.experienceYearsMin),
    applyDeadline: exact(gold.applyDeadline, parsed.applyDeadline),
  };
  const exactName = (s: string) => s.trim().toLowerCase();
  return {
    fields,
    skills: countSkills(new Set(gold.skills.map(exactName)), new Set(parsed.skills.map((s) => exactName(s.asWritten)))),
    skillsByAlias: countSkills(new Set(gold.skills.map(canonicalSkillName)), new Set(parsed.skills.map((s) => canonicalSkillName(s.name)))),
  };
}

/** Micro-averaged F1 over every posting's skills: each labelled skill counts once, wherever it is. */
export function skillsF1(counts: readonly SkillCounts[]): { precision: number; recall: number; f1: number } {
  const tp = counts.reduce((n, s) => n + s.truePositives, 0);
  const fp = counts.reduce((n, s) => n + s.falsePositives.length, 0);
  const fn = counts.reduce((n, s) => n + s.falseNegatives.length, 0);
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}
