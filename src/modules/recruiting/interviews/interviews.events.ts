import { Type } from 'typebox';
import type { EventDefinition } from '../../events/index.ts';
import { InterviewSchema } from './interviews.schemas.ts';

/** An interview's life; each carries the interview as it is after the change (invites are re-sent from these). */
export const interviewEvents = [
  {
    type: 'interview.scheduled', version: 1, description: 'An interview was scheduled for an application.',
    payload: Type.Object({ interview: InterviewSchema }),
  },
  {
    type: 'interview.rescheduled', version: 1, description: 'An interview changed (time, place, interviewers or agenda); `changed` names the fields.',
    payload: Type.Object({ interview: InterviewSchema, changed: Type.Array(Type.String()), previousInterviewers: Type.Array(Type.String()) }),
  },
  {
    type: 'interview.cancelled', version: 1, description: 'An interview was cancelled.',
    payload: Type.Object({ interview: InterviewSchema }),
  },
] as const satisfies readonly EventDefinition[];
