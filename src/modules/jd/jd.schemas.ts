import { Type, type Static } from 'typebox';

export const EmploymentTypeSchema = Type.Union(
  [
    Type.Literal('FULL_TIME'), Type.Literal('PART_TIME'), Type.Literal('CONTRACTOR'), Type.Literal('TEMPORARY'),
    Type.Literal('INTERN'), Type.Literal('VOLUNTEER'), Type.Literal('PER_DIEM'), Type.Literal('OTHER'),
  ],
  { description: 'schema.org JobPosting employmentType. An internship is INTERN even when it is also labelled full-time.' },
);
export type EmploymentType = Static<typeof EmploymentTypeSchema>;

export const WorkplaceSchema = Type.Union([Type.Literal('remote'), Type.Literal('hybrid'), Type.Literal('onsite')], {
  description: 'Where the work happens: fully remote, a mix of home and office, or at the employer\'s site',
});
export type Workplace = Static<typeof WorkplaceSchema>;

export const SalaryUnitSchema = Type.Union(
  [Type.Literal('HOUR'), Type.Literal('DAY'), Type.Literal('WEEK'), Type.Literal('MONTH'), Type.Literal('YEAR')],
  { description: 'Period one amount pays for (schema.org QuantitativeValue unitText)' },
);
export type SalaryUnit = Static<typeof SalaryUnitSchema>;

export const SalarySchema = Type.Object({
  min: Type.Union([Type.Number({ minimum: 0, maximum: 1e12 }), Type.Null()], { description: 'Lower bound; equals max for a single figure' }),
  max: Type.Union([Type.Number({ minimum: 0, maximum: 1e12 }), Type.Null()], { description: 'Upper bound; null for "from X"' }),
  currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code; XXX when unpaid and no currency is implied' }),
  unit: SalaryUnitSchema,
}, { additionalProperties: false, description: 'Pay range in whole currency units (15 LPA becomes 1500000 INR per YEAR; unpaid is 0–0)' });
export type Salary = Static<typeof SalarySchema>;

export const SkillSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, description: 'Canonical name from data/skills.v2.json, e.g. "node.js"' }),
  required: Type.Boolean({ description: 'false when every mention sits in a nice-to-have/bonus context' }),
}, { additionalProperties: false, description: 'A skill from the taxonomy found in the text' });
export type Skill = Static<typeof SkillSchema>;

export const ParsedSkillSchema = Type.Object({
  name: SkillSchema.properties.name,
  asWritten: Type.String({
    minLength: 1, maxLength: 200,
    description: 'The name as the posting writes it, lower-cased with spaces collapsed ("golang", "photoshop"); '
      + 'a named certificate ends in " certification"; only spacing, hyphens and apostrophes are brought to the taxonomy\'s spelling ("blue prints" → "blueprints")',
  }),
  required: SkillSchema.properties.required,
}, { additionalProperties: false, description: 'A skill from the taxonomy found in the text: its canonical name for search and matching, and its wording in the text' });
export type ParsedSkill = Static<typeof ParsedSkillSchema>;

const SectionText = Type.Union([Type.String(), Type.Null()]);

export const ParsedJobDescriptionSchema = Type.Object({
  title: Type.Union([Type.String(), Type.Null()], { description: 'Job title from a "Job Title:" label or a short role-like line' }),
  company: Type.Union([Type.String(), Type.Null()], { description: 'Hiring company from a "Company:" label or "About X" heading' }),
  employmentType: Type.Union([EmploymentTypeSchema, Type.Null()]),
  workplace: Type.Union([WorkplaceSchema, Type.Null()]),
  locations: Type.Array(Type.String(), { description: 'Normalized "City, Region, Country" strings, deduplicated' }),
  salary: Type.Union([SalarySchema, Type.Null()]),
  experienceYearsMin: Type.Union([Type.Integer({ minimum: 0, maximum: 50 }), Type.Null()], {
    description: 'Minimum years of experience asked for',
  }),
  skills: Type.Array(ParsedSkillSchema, {
    description: 'Hard skills in order of first mention: tools, software, programming languages, frameworks, platforms, named technical methods, equipment, licences and certificates ("cpr certification")',
  }),
  competencies: Type.Array(ParsedSkillSchema, { description: 'Soft skills, duties and subject areas the text asks for ("communication", "nursing"), in order of first mention' }),
  languages: Type.Array(ParsedSkillSchema, { description: 'Spoken languages the text asks for ("english", "german")' }),
  applyDeadline: Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()], {
    description: 'Last day to apply, YYYY-MM-DD',
  }),
  sections: Type.Object({
    about: SectionText,
    responsibilities: SectionText,
    requirements: SectionText,
    niceToHave: SectionText,
    benefits: SectionText,
  }, { description: 'Text under recognised headings; several headings of one kind are joined by a blank line' }),
  warnings: Type.Array(Type.String(), {
    description: [
      'Stable codes: text_empty (nothing to parse), text_truncated (input over 200,000 characters, the rest ignored),',
      'binary_content (control or replacement characters removed), html_stripped (tags and entities removed),',
      'language_not_supported (long enough to judge and confidently detected as a language other than English, German or French; results are sparse),',
      'title_not_found, salary_not_found,',
      'employment_type_conflict (an internship also labelled otherwise; INTERN kept), sections_not_found,',
      'internal_error (a parser bug was caught; every field is empty).',
    ].join(' '),
  }),
}, { description: 'Structured fields extracted from a free-text job posting by deterministic rules' });
export type ParsedJobDescription = Static<typeof ParsedJobDescriptionSchema>;
export type SectionName = keyof ParsedJobDescription['sections'];
