import { AppError } from '../app-error.ts';

export type CursorValue = string | number | null;

/**
 * Opaque keyset cursors: base64url JSON of the last row's sort key values, tagged with the listing
 * and sort they belong to, so a cursor from one listing cannot be replayed against another.
 */
export const encodeCursor = (tag: string, values: readonly CursorValue[]): string =>
  Buffer.from(JSON.stringify([tag, ...values])).toString('base64url');

export function decodeCursor(raw: string, tag: string, arity: number): CursorValue[] {
  const invalid = new AppError('invalid-cursor', 'The cursor is not one this listing issued; start again without it');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parsed) || parsed.length !== arity + 1 || parsed[0] !== tag) throw invalid;
  const values = parsed.slice(1) as unknown[];
  const valid = values.every((v) => v === null || (typeof v === 'string' && v.length <= 256) || (typeof v === 'number' && Number.isFinite(v)));
  if (!valid) throw invalid;
  return values as CursorValue[];
}

/** The last value must be the row id (always a string); this reads it or rejects the cursor. */
export function cursorId(values: readonly CursorValue[]): string {
  const id = values.at(-1);
  if (typeof id !== 'string') throw new AppError('invalid-cursor', 'The cursor is not one this listing issued; start again without it');
  return id;
}

/** A timestamp sort value from a cursor, checked before it reaches SQL. */
export function cursorTimestamp(value: CursorValue | undefined): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new AppError('invalid-cursor', 'The cursor is not one this listing issued; start again without it');
  }
  return value;
}
