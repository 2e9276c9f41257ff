import type { Job, NewJob, ParsedPosting } from '../../api/types.ts';

type Workplace = NonNullable<Job['workplace']>;
type EmploymentType = NonNullable<Job['employmentType']>;
type SalaryUnit = NonNullable<Job['salary']>['unit'];

export const workplaces: readonly { value: Workplace; label: string }[] = [
  { value: 'remote', label: 'Remote' }, { value: 'hybrid', label: 'Hybrid' }, { value: 'onsite', label: 'On site' },
];
export const employmentTypes: readonly { value: EmploymentType; label: string }[] = [
  { value: 'FULL_TIME', label: 'Full time' }, { value: 'PART_TIME', label: 'Part time' }, { value: 'CONTRACTOR', label: 'Contractor' },
  { value: 'TEMPORARY', label: 'Temporary' }, { value: 'INTERN', label: 'Intern' }, { value: 'VOLUNTEER', label: 'Volunteer' },
  { value: 'PER_DIEM', label: 'Per diem' }, { value: 'OTHER', label: 'Other' },
];
export const salaryUnits: readonly { value: SalaryUnit; label: string }[] = [
  { value: 'YEAR', label: 'per year' }, { value: 'MONTH', label: 'per month' }, { value: 'WEEK', label: 'per week' },
  { value: 'DAY', label: 'per day' }, { value: 'HOUR', label: 'per hour' },
];

/** What the form holds: strings as the inputs have them, turned into the API's types on saving. */
export interface JobFormValues {
  title: string;
  department: string;
  description: string;
  /** One location per line. */
  locations: string;
  workplace: Workplace | '';
  employmentType: EmploymentType | '';
  salaryMin: string;
  salaryMax: string;
  salaryCurrency: string;
  salaryUnit: SalaryUnit;
  experienceYearsMin: string;
  /** Comma-separated canonical skill names. */
  requiredSkills: string;
  niceSkills: string;
  /** YYYY-MM-DD: open through the end of that day (UTC), as an imported deadline is. */
  validThrough: string;
  openings: string;
}

type JobFields = Pick<Job, 'title' | 'department' | 'description' | 'locations' | 'workplace' | 'employmentType' | 'salary' | 'experienceYearsMin' | 'skills' | 'validThrough'> & { openings?: number };

const skillNames = (skills: JobFields['skills'], required: boolean) => skills.filter((s) => s.required === required).map((s) => s.name).join(', ');
const text = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

export function formValuesOf(job: JobFields): JobFormValues {
  return {
    title: job.title, department: job.department ?? '', description: job.description, locations: job.locations.join('\n'),
    workplace: job.workplace ?? '', employmentType: job.employmentType ?? '',
    salaryMin: text(job.salary?.min), salaryMax: text(job.salary?.max), salaryCurrency: job.salary?.currency ?? '', salaryUnit: job.salary?.unit ?? 'YEAR',
    experienceYearsMin: text(job.experienceYearsMin),
    requiredSkills: skillNames(job.skills, true), niceSkills: skillNames(job.skills, false),
    validThrough: job.validThrough?.slice(0, 10) ?? '', openings: text(job.openings ?? 1),
  };
}

const sectionTitles: [keyof ParsedPosting['sections'], string][] = [
  ['about', 'About the role'], ['responsibilities', 'Responsibilities'], ['requirements', 'Requirements'],
  ['niceToHave', 'Nice to have'], ['benefits', 'Benefits'],
];

/** The parser's fields as a draft job, built as POST /v1/jobs/import builds one: recognised sections become the description. */
export function formValuesOfParsed(parsed: ParsedPosting, posting: string): JobFormValues {
  const sections = sectionTitles.flatMap(([key, heading]) => {
    const body = parsed.sections[key]?.trim();
    return body ? [`## ${heading}\n\n${body}`] : [];
  });
  return formValuesOf({
    title: parsed.title?.slice(0, 200).trim() ?? '', department: null,
    description: (sections.length > 0 ? sections.join('\n\n') : posting.trim()).slice(0, 100_000),
    locations: parsed.locations.slice(0, 50), workplace: parsed.workplace, employmentType: parsed.employmentType, salary: parsed.salary,
    experienceYearsMin: parsed.experienceYearsMin, skills: parsed.skills.map(({ name, required }) => ({ name, required })),
    validThrough: parsed.applyDeadline,
  });
}

const number = (value: string): number | null => (value.trim() === '' ? null : Number(value));
const list = (value: string, separator: RegExp) => [...new Set(value.split(separator).map((s) => s.trim()).filter((s) => s !== ''))];

/** The job's fields as the API takes them on creating or updating; empty inputs are nulls. */
export function jobFieldsOf(values: JobFormValues): Required<Omit<NewJob, 'closeWhenFilled'>> {
  const min = number(values.salaryMin);
  const max = number(values.salaryMax);
  const hasSalary = min !== null || max !== null;
  return {
    title: values.title.trim(),
    department: values.department.trim() || null,
    description: values.description,
    locations: list(values.locations, /\n/),
    workplace: values.workplace || null,
    employmentType: values.employmentType || null,
    salary: hasSalary ? { min, max, currency: values.salaryCurrency.trim().toUpperCase(), unit: values.salaryUnit } : null,
    experienceYearsMin: number(values.experienceYearsMin),
    skills: [
      ...list(values.requiredSkills, /,/).map((name) => ({ name: name.toLowerCase(), required: true })),
      ...list(values.niceSkills, /,/).map((name) => ({ name: name.toLowerCase(), required: false })),
    ],
    validThrough: values.validThrough ? `${values.validThrough}T23:59:59.999Z` : null,
    openings: number(values.openings) ?? 1,
  };
}
