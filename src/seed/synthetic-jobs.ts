import type { CreateJobInput } from '../modules/jobs/index.ts';
import type { EmploymentType, Salary, SalaryUnit, Skill, Workplace } from '../modules/jd/index.ts';
import {
  adjectives, benefits, brandKinds, brandStems, bringTemplates, cities, displayNames, families, intros, niceExtras,
  closings, perUsd, products, purposes, sharedDuties, softTraits, type City, type JobFamily,
} from './synthetic-jobs.data.ts';

export type SyntheticJob = CreateJobInput & { publishedAt: Date };

const DAY_MS = 86_400_000;

/** mulberry32: tiny, fast and good enough for test data; the same seed always gives the same stream. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Rng = () => number;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const between = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));

/** Picks `count` distinct items, favouring the front of the list so trailing items stay rare words. */
function pickFrontLoaded<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(items[Math.floor(rng() * rng() * items.length)] as T);
  return [...chosen];
}

function pickDistinct<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(pick(rng, items));
  return [...chosen];
}

/** Cumulative weights, so the mix looks like a real board: mostly full-time, a long tail of the rest. */
const employmentMix: readonly [EmploymentType, number][] = [
  ['FULL_TIME', 0.7], ['PART_TIME', 0.78], ['CONTRACTOR', 0.86], ['TEMPORARY', 0.9], ['INTERN', 0.95],
  ['PER_DIEM', 0.97], ['VOLUNTEER', 0.98], ['OTHER', 1],
];
function employmentTypeOf(rng: Rng): EmploymentType {
  const r = rng();
  return (employmentMix.find(([, upTo]) => r < upTo) ?? employmentMix[0])?.[0] ?? 'FULL_TIME';
}

const levelFactor: Readonly<Record<string, number>> = { Junior: 0.7, '': 1, Senior: 1.3, Staff: 1.6, Lead: 1.45, Principal: 1.85 };
const levelYears: Readonly<Record<string, [number, number]>> = { Junior: [0, 1], '': [2, 4], Senior: [5, 7], Staff: [8, 10], Lead: [6, 9], Principal: [10, 12] };

/** Two or three significant figures, the way people quote pay: 84,213 becomes 84,000; 23.37 becomes 23.5. */
function roundPay(value: number): number {
  if (value < 100) return Math.round(value * 2) / 2;
  const step = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.round(value / step) * step;
}

function unitFor(rng: Rng, type: EmploymentType, city: City): SalaryUnit {
  if (type === 'PART_TIME' || type === 'PER_DIEM') return 'HOUR';
  if (type === 'TEMPORARY') return rng() < 0.6 ? 'HOUR' : 'WEEK';
  if (type === 'CONTRACTOR') return rng() < 0.5 ? 'DAY' : 'HOUR';
  if (type === 'INTERN') return rng() < 0.6 ? 'MONTH' : 'HOUR';
  return city.monthly && rng() < 0.6 ? 'MONTH' : 'YEAR';
}

const perYear: Readonly<Record<SalaryUnit, number>> = { HOUR: 2080, DAY: 260, WEEK: 52, MONTH: 12, YEAR: 1 };

function salaryFor(rng: Rng, family: JobFamily, level: string, type: EmploymentType, city: City): Salary | null {
  if (type === 'VOLUNTEER' || rng() < 0.15) return null;
  const unit = unitFor(rng, type, city);
  const internFactor = type === 'INTERN' ? 0.35 : 1;
  const yearlyUsd = family.baseUsd * (levelFactor[level] ?? 1) * internFactor * city.payFactor * (0.85 + rng() * 0.3);
  const low = roundPay((yearlyUsd * (perUsd[city.currency] ?? 1)) / perYear[unit]);
  const high = roundPay(low * (1.1 + rng() * 0.25));
  const shape = rng();
  // Most postings give a range; some say "from X" or "up to Y".
  if (shape < 0.1) return { min: low, max: null, currency: city.currency, unit };
  if (shape < 0.15) return { min: null, max: high, currency: city.currency, unit };
  return { min: low, max: Math.max(low, high), currency: city.currency, unit };
}

function workplaceOf(rng: Rng): Workplace {
  const r = rng();
  return r < 0.3 ? 'remote' : r < 0.65 ? 'hybrid' : 'onsite';
}

/** Remote jobs often name only a country, or nothing; the others name one or two offices. */
function locationsFor(rng: Rng, workplace: Workplace, city: City): string[] {
  if (workplace === 'remote') {
    const r = rng();
    return r < 0.45 ? [city.country] : r < 0.75 ? [] : [city.location];
  }
  if (rng() < 0.15) {
    const second = cities.find((other) => other.country === city.country && other.location !== city.location);
    if (second) return [city.location, second.location];
  }
  return [city.location];
}

function skillsFor(rng: Rng, family: JobFamily): Skill[] {
  const names = pickFrontLoaded(rng, family.skills, between(rng, 3, 8));
  const requiredCount = Math.max(1, Math.round(names.length * (0.5 + rng() * 0.3)));
  return names.map((name, i) => ({ name, required: i < requiredCount }));
}

const display = (skill: string): string => displayNames[skill] ?? skill;

function describe(rng: Rng, family: JobFamily, title: string, department: string, skills: readonly Skill[], years: number | null): string {
  const company = `${pick(rng, brandStems)} ${pick(rng, brandKinds)}`;
  const about = `${pick(rng, intros)({ company, product: pick(rng, products), adjective: pick(rng, adjectives), title, department })} ${pickDistinct(rng, purposes, 2).join(' ')}`;
  const duties = [...pickDistinct(rng, family.duties, between(rng, 3, 5)), ...pickDistinct(rng, sharedDuties, between(rng, 1, 2))]
    .map((d) => `- ${d[0]?.toUpperCase()}${d.slice(1)}.`);
  const required = skills.filter((s) => s.required);
  const optional = skills.filter((s) => !s.required);
  const bring = [
    ...(years ? [`- ${years}+ years of relevant experience, or equivalent.`] : ['- Curiosity and a willingness to learn; no prior experience required.']),
    ...required.map((s) => `- ${pick(rng, bringTemplates)(display(s.name))}`),
    `- ${pick(rng, softTraits)}`,
  ];
  const nice = [...optional.map((s) => `- Exposure to ${display(s.name)}.`), `- ${pick(rng, niceExtras)}`];
  const perks = pickDistinct(rng, benefits, between(rng, 3, 5)).map((b) => `- ${b}`);
  return [
    '## About the role', about, '',
    "## What you'll do", ...duties, '',
    '## What you bring', ...bring, '',
    '## Nice to have', ...nice, '',
    '## Benefits', ...perks, '', pick(rng, closings),
  ].join('\n');
}

function titleFor(rng: Rng, family: JobFamily, role: string, level: string, type: EmploymentType): string {
  if (type === 'INTERN') return `${role} Intern`;
  const base = level ? `${level} ${role}` : role;
  return family.teams && rng() < 0.3 ? `${base}, ${pick(rng, family.teams)}` : base;
}

function syntheticJob(rng: Rng, now: number): SyntheticJob {
  const family = pick(rng, families);
  const type = employmentTypeOf(rng);
  const level = type === 'INTERN' ? 'Junior' : pick(rng, family.levels);
  const title = titleFor(rng, family, pick(rng, family.roles), level, type);
  const department = pick(rng, family.departments);
  const city = pick(rng, cities);
  const workplace = workplaceOf(rng);
  const [minYears, maxYears] = levelYears[level] ?? [2, 4];
  const years = type === 'INTERN' || rng() < 0.1 ? null : between(rng, minYears, maxYears);
  const skills = skillsFor(rng, family);
  const ageMs = Math.floor(rng() * 60 * DAY_MS);
  const publishedAt = new Date(now - ageMs);
  // At least 14 days of life left at seeding time, so every generated job is open on the board.
  const minDays = Math.max(30, Math.ceil(ageMs / DAY_MS) + 14);
  const validThrough = rng() < 0.4 ? null : new Date(publishedAt.getTime() + between(rng, minDays, 120) * DAY_MS).toISOString();
  return {
    title,
    description: describe(rng, family, title, department, skills, years),
    department: rng() < 0.05 ? null : department,
    locations: locationsFor(rng, workplace, city),
    workplace,
    employmentType: type,
    salary: salaryFor(rng, family, level, type, city),
    experienceYearsMin: years,
    skills,
    validThrough,
    publishedAt,
  };
}

/**
 * `count` fictional, publishable jobs. Content depends only on (count, seed); dates are relative to
 * `now` (publishedAt within the last 60 days, validThrough null or 30–120 days after publishedAt).
 */
export function syntheticJobs(count: number, seed = 1, now: number = Date.now()): SyntheticJob[] {
  const rng = mulberry32(seed);
  const out: SyntheticJob[] = new Array<SyntheticJob>(count);
  for (let i = 0; i < count; i++) out[i] = syntheticJob(rng, now);
  return out;
}
