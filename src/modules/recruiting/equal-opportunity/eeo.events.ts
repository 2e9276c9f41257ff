import { Type } from 'typebox';
import type { EventDefinition } from '../../events/index.ts';

/** Only the questions: answers are never events (events are readable by recruiters and webhooks). */
export const eeoEvents = [
  {
    type: 'eeo_questions.updated', version: 1,
    description: 'The organization\'s voluntary equal-opportunity questions were replaced; `questionIds` is the new list, in order.',
    payload: Type.Object({ questionIds: Type.Array(Type.String()) }),
  },
] as const satisfies readonly EventDefinition[];

/** The events that change what every job's public page shows. */
export const eeoEventTypes = eeoEvents.map((e) => e.type);
