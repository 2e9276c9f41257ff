import { Type } from 'typebox';
import type { EventDefinition } from '../../events/index.ts';

/** Candidate rights: only erasure changes anything (an export reads). */
export const rightsEvents = [
  {
    type: 'candidate.erased', version: 1,
    description: 'A candidate\'s personal data was erased at their request: `erasedCandidateIds` are the candidate and every record merged into it. '
      + 'Carries no personal data; earlier events about them (and their applications and notes) now have `{ "redacted": true }` as payload. '
      + 'Erase your own copies of them.',
    payload: Type.Object({ candidateId: Type.String(), erasedCandidateIds: Type.Array(Type.String()) }),
  },
] as const satisfies readonly EventDefinition[];
