import type { EmploymentType, Salary, Workplace } from '../jd/index.ts';

export const workplaceNames: Record<Workplace, string> = { remote: 'Remote', hybrid: 'Hybrid', onsite: 'On-site' };
export const employmentTypeNames: Record<EmploymentType, string> = {
  FULL_TIME: 'Full-time', PART_TIME: 'Part-time', CONTRACTOR: 'Contract', TEMPORARY: 'Temporary',
  INTERN: 'Internship', VOLUNTEER: 'Volunteer', PER_DIEM: 'Per diem', OTHER: 'Other',
};
const unitNames: Record<Salary['unit'], string> = { HOUR: 'per hour', DAY: 'per day', WEEK: 'per week', MONTH: 'per month', YEAR: 'per year' };

// Formatters are costly to build, so one per currency is kept for the process's life (ISO 4217 bounds the count).
const formatters = new Map<string, Intl.NumberFormat>();
function amount(value: number, currency: string): string {
  let format = formatters.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 });
    } catch {
      format = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
    }
    formatters.set(currency, format);
  }
  return format.format(value);
}

/** "€60,000–€80,000 per year", "from €60,000 per year"; null for no pay given. */
export function pay(salary: Salary | null): string | null {
  if (!salary || (salary.min === null && salary.max === null)) return null;
  const { min, max, currency, unit } = salary;
  const range = min !== null && max !== null
    ? (min === max ? amount(min, currency) : `${amount(min, currency)}–${amount(max, currency)}`)
    : min !== null ? `from ${amount(min, currency)}` : `up to ${amount(max ?? 0, currency)}`;
  return `${range} ${unitNames[unit]}`;
}

/** "Berlin, Germany; Munich, Germany · Hybrid" */
export function where(job: { locations: readonly string[]; workplace: Workplace | null }): string {
  return [job.locations.join('; '), job.workplace ? workplaceNames[job.workplace] : ''].filter(Boolean).join(' · ');
}
