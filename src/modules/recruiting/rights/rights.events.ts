import { Type } from 'typebox';
import type { EventDefinition } from '../../events/index.ts';

/** Candidate rights: erasure and the candidate's requests for it (an export reads). */
export const rightsEvents = [
  {
    type: 'candidate.erased', version: 1,
    description: 'A candidate\'s personal data was erased at their request: `erasedCandidateIds` are the candidate and every record merged into it. '
      + 'Carries no personal data; earlier events about them (and their applications and notes) now have `{ "redacted": true }` as payload. '
      + 'Erase your own copies of them.',
    payload: Type.Object({ candidateId: Type.String(), erasedCandidateIds: Type.Array(Type.String()) }),
  },
  {
    type: 'candidate.erasure_requested', version: 1,
    description: 'A candidate asked, from their status page, to have their data erased; a recruiter confirms (then `candidate.erased` follows) or declines it. '
      + 'Carries ids only: the candidate\'s words are read from GET /v1/erasure-requests.',
    payload: Type.Object({ requestId: Type.String(), candidateId: Type.String() }),
  },
  {
    type: 'candidate.erasure_request_declined', version: 1,
    description: 'A recruiter declined a candidate\'s erasure request; the candidate may ask again.',
    payload: Type.Object({ requestId: Type.String(), candidateId: Type.String() }),
  },
] as const satisfies readonly EventDefinition[];
