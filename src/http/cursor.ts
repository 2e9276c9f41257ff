import { Type, type TSchema } from 'typebox';
import { AppError } from '../app-error.ts';
import { isDateTime } from './formats.ts';
import { findBadText, makeAjv } from './validation.ts';

export type CursorValue = string | number | null;

// The extremes of PostgreSQL's real (float4): a rank beyond them overflows or underflows the cast.
const FLOAT4_MAX = 3.4028234663852886e38;
const FLOAT4_MIN_NORMAL = 1.1754943508222875e-38;

const Id = (prefix: string) => Type.String({ pattern: `^${prefix}_[0-9a-f]{32}$` });
const Timestamp = Type.String({ format: 'date-time' });
const Rank = Type.Union([Type.Literal(0), Type.Number({ minimum: FLOAT4_MIN_NORMAL, maximum: FLOAT4_MAX })]);
const Title = Type.String({ maxLength: 200 });

/**
 * What each listing puts in its cursors, checked on decode: a forged or corrupted cursor is a 400
 * invalid-cursor, never a value the database type cannot hold. A new listing adds its kind here.
 */
const cursorKinds: Record<string, readonly TSchema[]> = {
  'board:rank': [Rank, Timestamp, Id('job')],
  'board:recent': [Timestamp, Id('job')],
  ...Object.fromEntries(['createdAt', 'updatedAt'].flatMap((f) => [`jobs:${f}`, `jobs:-${f}`]).map((tag) => [tag, [Timestamp, Id('job')]])),
  'jobs:title': [Title, Id('job')],
  'jobs:-title': [Title, Id('job')],
  audit: [Id('aud')],
  notes: [Timestamp, Id('note')],
  events: [Id('evt')],
  applications: [Id('app')],
  interviews: [Timestamp, Id('intv')],
  'erasure-requests': [Timestamp, Id('erq')],
  'webhook-deliveries': [Id('whdl')],
  ...Object.fromEntries(['applied', 'activity'].flatMap((f) => [`pipeline:${f}`, `pipeline:-${f}`]).map((tag) => [tag, [Timestamp, Id('app')]])),
};

const ajv = makeAjv(false);
const validators = new Map(Object.entries(cursorKinds).map(([tag, items]) => [
  tag,
  ajv.compile(Type.Tuple([Type.Literal(tag), ...items])),
]));

export const invalidCursor = (): AppError => new AppError('invalid-cursor', 'The cursor is not one this listing issued; start again without it');

/**
 * Opaque keyset cursors: base64url JSON of the last row's sort key values, tagged with the listing
 * and sort they belong to, so a cursor from one listing cannot be replayed against another.
 */
export const encodeCursor = (tag: string, values: readonly CursorValue[]): string =>
  Buffer.from(JSON.stringify([tag, ...values])).toString('base64url');

export function decodeCursor(raw: string, tag: string, arity: number): CursorValue[] {
  const validate = validators.get(tag);
  if (!validate || cursorKinds[tag]?.length !== arity) throw new Error(`no cursor kind ${tag} with ${arity} values`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!validate(parsed) || findBadText(parsed)) throw invalidCursor();
  return (parsed as CursorValue[]).slice(1);
}

/** The last value must be the row id (always a string); this reads it or rejects the cursor. */
export function cursorId(values: readonly CursorValue[]): string {
  const id = values.at(-1);
  if (typeof id !== 'string') throw invalidCursor();
  return id;
}

/** A timestamp sort value from a cursor, checked before it reaches SQL. */
export function cursorTimestamp(value: CursorValue | undefined): string {
  if (typeof value !== 'string' || !isDateTime(value)) throw invalidCursor();
  return value;
}
