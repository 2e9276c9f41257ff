// HTTP layer: the candidates listings' opaque cursors (services take and return positions).
import { encodeCursor, invalidCursor } from '../../../http/cursor.ts';
import { isDateTime } from '../../../http/formats.ts';
import type { CandidatePosition } from './candidates.schemas.ts';
import type { DuplicatePosition } from './candidates.merge.service.ts';

const candidateId = /^cand_[0-9a-f]{32}$/;

/** The cursor's values after its tag, or 400 invalid-cursor: a forged cursor never reaches SQL. */
function valuesOf(raw: string, tag: string, check: (values: unknown[]) => boolean): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed[0] !== tag || !check(parsed.slice(1))) throw invalidCursor();
  return parsed.slice(1);
}

/** Newest-first pages and sync pages have different sort keys, so each cursor names its listing. */
export const candidateCursor = {
  tag: (sync: boolean) => (sync ? 'candidates:sync' : 'candidates:created'),
  encode: (position: CandidatePosition, sync: boolean): string => encodeCursor(candidateCursor.tag(sync), [position.at, position.id]),
  decode(raw: string, sync: boolean): CandidatePosition {
    const [at, id] = valuesOf(raw, candidateCursor.tag(sync), (v) => v.length === 2 && typeof v[0] === 'string' && isDateTime(v[0])
      && typeof v[1] === 'string' && candidateId.test(v[1]));
    return { at: String(at), id: String(id) };
  },
};

export const duplicateCursor = {
  encode: (position: DuplicatePosition): string => encodeCursor('candidates:duplicates', [position.firstId, position.secondId]),
  decode(raw: string): DuplicatePosition {
    const [firstId, secondId] = valuesOf(raw, 'candidates:duplicates', (v) => v.length === 2 && v.every((x) => typeof x === 'string' && candidateId.test(x)));
    return { firstId: String(firstId), secondId: String(secondId) };
  },
};
