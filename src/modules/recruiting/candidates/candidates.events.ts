import { Type } from 'typebox';
import type { EventDefinition } from '../../events/index.ts';

/** Events of the candidate record itself (their applications have their own). */
export const candidateEvents = [
  {
    type: 'candidate.created', version: 1, description: 'A new person entered the org: by applying, by hand, or by import.',
    payload: Type.Object({ candidateId: Type.String(), source: Type.String() }),
  },
  {
    type: 'candidate.updated', version: 1, description: 'A candidate\'s profile changed; `changed` names the fields.',
    payload: Type.Object({ candidateId: Type.String(), changed: Type.Array(Type.String()) }),
  },
  {
    type: 'candidate.merged', version: 1, description: 'Two records of one person became one: `mergedId` now lives on as `keptId`.',
    payload: Type.Object({ keptId: Type.String(), mergedId: Type.String() }),
  },
] as const satisfies readonly EventDefinition[];
