import type { OfferTerms } from './queries.ts';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

export function salaryText(salary: OfferTerms['salary']): string {
  if (!salary) return '—';
  const amount = new Intl.NumberFormat(undefined, { style: 'currency', currency: salary.currency, maximumFractionDigits: 2 }).format(salary.amount);
  return `${amount} per ${salary.period}`;
}

/** A start date is a calendar day, not an instant: shown as the day it names, whatever the viewer's time zone. */
export const startText = (date: string | null): string => (date ? day.format(new Date(`${date}T00:00:00Z`)) : '—');
