import type { ParsedJobDescription } from '../jd/index.ts';
import type { CreateJobInput } from './jobs.schemas.ts';

const sectionTitles: [keyof ParsedJobDescription['sections'], string][] = [
  ['about', 'About the role'],
  ['responsibilities', 'Responsibilities'],
  ['requirements', 'Requirements'],
  ['niceToHave', 'Nice to have'],
  ['benefits', 'Benefits'],
];

/** Turns a parsed description into draft-job input; what the parser could not find stays empty. */
export function createJobFromDescription(parsed: ParsedJobDescription, text: string): { input: CreateJobInput; warnings: string[] } {
  const warnings = [...parsed.warnings];
  const sections = sectionTitles
    .filter(([key]) => parsed.sections[key])
    .map(([key, heading]) => `## ${heading}\n\n${parsed.sections[key]?.trim() ?? ''}`);
  const title = parsed.title?.slice(0, 200).trim() || 'Untitled job';
  if (!parsed.title) warnings.push('title_defaulted');
  const description = (sections.length > 0 ? sections.join('\n\n') : text.trim()).slice(0, 100_000);
  return {
    input: {
      title,
      description,
      locations: parsed.locations.slice(0, 50),
      workplace: parsed.workplace,
      employmentType: parsed.employmentType,
      salary: parsed.salary,
      experienceYearsMin: parsed.experienceYearsMin === null ? null : Math.min(60, Math.max(0, Math.round(parsed.experienceYearsMin))),
      // A job keeps the canonical names, which search and the board's skill filter match on.
      skills: parsed.skills.slice(0, 200).map(({ name, required }) => ({ name, required })),
      // A deadline is a date; the job stays open through the end of that day (UTC).
      validThrough: parsed.applyDeadline ? `${parsed.applyDeadline}T23:59:59.999Z` : null,
    },
    warnings: [...new Set(warnings)],
  };
}
