import { Type } from 'typebox';
import type { EventDefinition } from '../../events/index.ts';

export const applyingEvents = [
  {
    type: 'application_form.updated', version: 1,
    description: 'A job\'s application questions were replaced; `questionIds` is the new list, in order.',
    payload: Type.Object({ jobId: Type.String(), questionIds: Type.Array(Type.String()) }),
  },
] as const satisfies readonly EventDefinition[];

/** The events that change what a job's public page shows (its form). */
export const applicationFormEventTypes = applyingEvents.map((e) => e.type);
