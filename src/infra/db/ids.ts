import { uuidv7 } from 'uuidv7';

/** Prefixed, time-sortable ids: `job_0192f1c2...` (UUIDv7 hex, so lexical order is creation order). */
export const newId = (prefix: string): string => `${prefix}_${uuidv7().replaceAll('-', '')}`;

/** A string that sorts after every id of this prefix made before `at` and before every one made from then on. */
export const idBoundaryAt = (prefix: string, at: Date): string => `${prefix}_${at.getTime().toString(16).padStart(12, '0')}`;
