import { uuidv7 } from 'uuidv7';

/** Prefixed, time-sortable ids: `job_0192f1c2...` (UUIDv7 hex, so lexical order is creation order). */
export const newId = (prefix: string): string => `${prefix}_${uuidv7().replaceAll('-', '')}`;
