import { AppError, type FieldProblem } from '../../../app-error.ts';
import type { CustomFieldValue } from './candidates.table.ts';

export interface FieldRule {
  key: string;
  type: 'text' | 'number' | 'date' | 'choice';
  options: readonly string[];
}

const isCalendarDate = (value: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().startsWith(value);
};

function problemOf(rule: FieldRule, value: CustomFieldValue): string | null {
  switch (rule.type) {
    case 'text': return typeof value === 'string' ? null : 'must be a string';
    case 'number': return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'date': return typeof value === 'string' && isCalendarDate(value) ? null : 'must be a calendar date, YYYY-MM-DD';
    case 'choice': return typeof value === 'string' && rule.options.includes(value) ? null : `must be one of: ${rule.options.join(', ')}`;
  }
}

/**
 * Checks values against the org's definitions; null (clear the field) is always allowed. Throws one
 * validation-failed naming every bad key as `customFields.<key>`.
 */
export function checkCustomFields(values: Readonly<Record<string, CustomFieldValue>>, rules: readonly FieldRule[], prefix = 'customFields'): void {
  const byKey = new Map(rules.map((r) => [r.key, r]));
  const fields: FieldProblem[] = [];
  for (const [key, value] of Object.entries(values)) {
    const rule = byKey.get(key);
    if (!rule) fields.push({ field: `${prefix}.${key}`, detail: 'is not a custom field of this organization' });
    else if (value !== null) {
      const problem = problemOf(rule, value);
      if (problem) fields.push({ field: `${prefix}.${key}`, detail: problem });
    }
  }
  if (fields.length > 0) {
    throw new AppError('validation-failed', `Custom fields are invalid: ${fields.map((f) => `${f.field} ${f.detail}`).join('; ')}`, { fields });
  }
}

/** A CSV cell as the field's type wants it: numbers parsed, everything else as written. */
export function cellValue(rule: FieldRule | undefined, cell: string): CustomFieldValue {
  if (cell === '') return null;
  if (rule?.type === 'number') {
    const n = Number(cell);
    return cell.trim() !== '' && Number.isFinite(n) ? n : cell;
  }
  return cell;
}

/** Merges a patch into stored values: null removes the key. */
export function applyCustomFields(
  current: Readonly<Record<string, CustomFieldValue>>, patch: Readonly<Record<string, CustomFieldValue>>,
): Record<string, CustomFieldValue> {
  const next: Record<string, CustomFieldValue> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}
