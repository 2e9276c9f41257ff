/**
 * Deterministic, offline job-description parser. Pure: all data is loaded once at import, nothing
 * is read or fetched per call, and no input makes it throw (see the warning codes in jd.schemas.ts).
 */
import { extractDeadline } from './jd.dates.ts';
import { cleanCompany, companyFromSentences } from './jd.company.ts';
import { detectEmploymentType, detectWorkplace, extractExperience, guessCompany } from './jd.fields.ts';
import { findLabels, type LabelField } from './jd.labels.ts';
import { currencyOfCountry, extractLocations } from './jd.locations.ts';
import { extractSalary } from './jd.salary.ts';
import type { ParsedJobDescription } from './jd.schemas.ts';
import { splitSections } from './jd.sections.ts';
import { canonicalSkillName, extractSkills, isKnownTerm } from './jd.skills.ts';
import { cleanText } from './jd.text.ts';
import { findTitle } from './jd.title.ts';

export type { ParsedJobDescription } from './jd.schemas.ts';

const EMPTY_SECTIONS = { about: null, responsibilities: null, requirements: null, niceToHave: null, benefits: null };

function emptyResult(warnings: string[]): ParsedJobDescription {
  return {
    title: null, company: null, employmentType: null, workplace: null, locations: [], salary: null,
    experienceYearsMin: null, skills: [], competencies: [], languages: [], applyDeadline: null, sections: { ...EMPTY_SECTIONS }, warnings,
  };
}

function parse(input: string): ParsedJobDescription {
  const { text, warnings } = cleanText(input);
  if (!text) return emptyResult(warnings);

  const sectioned = splitSections(text, isKnownTerm);
  const { lines } = sectioned;
  const { labels } = findLabels(lines);
  const valuesOf = (field: LabelField) => labels.filter((l) => l.field === field).map((l) => l.value);

  const named = findTitle(lines, sectioned.headingLines, valuesOf('title'));
  const { title } = named;
  const labelled = valuesOf('company').map(cleanCompany).find((c) => c !== '');
  const company = labelled || named.company || companyFromSentences(lines.slice(0, 60)) || guessCompany(text, sectioned.aboutNames);
  const employment = detectEmploymentType(title, valuesOf('employmentType'), text);
  const workplace = detectWorkplace([...valuesOf('workplace'), ...valuesOf('location')], title, text);
  const { locations, country } = extractLocations(valuesOf('location'), lines, text);
  const salaryText = [...valuesOf('salary').map((v) => `salary: ${v}`), text].join('\n');
  const salary = extractSalary(salaryText, country ? currencyOfCountry(country) : null);

  // The employer's own name ("Acme Cloud is hiring") is not a skill, unless the requirements ask for it.
  const employer = company ? canonicalSkillName(company) : null;
  const found = extractSkills(lines, sectioned.lineSection);
  const skills = found.skills.filter((s) => s.name !== employer || found.askedFor.has(s.name));

  if (!title) warnings.push('title_not_found');
  if (!salary) warnings.push('salary_not_found');
  if (employment.conflict) warnings.push('employment_type_conflict');
  if (sectioned.headingLines.size === 0) warnings.push('sections_not_found');

  return {
    title: title ?? null,
    company: company || null,
    employmentType: employment.type,
    workplace,
    locations,
    salary,
    experienceYearsMin: extractExperience(text),
    skills,
    competencies: found.competencies,
    languages: found.languages,
    applyDeadline: extractDeadline(text, valuesOf('deadline')),
    sections: sectioned.sections,
    warnings,
  };
}

export function parseJobDescription(text: string): ParsedJobDescription {
  try {
    return parse(text);
  } catch {
    // A bug must not take down an import job; the result says nothing was extracted.
    return emptyResult(['internal_error']);
  }
}
