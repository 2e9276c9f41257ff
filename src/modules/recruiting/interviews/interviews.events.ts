import { Type } from 'typebox';
import type { EventDefinition } from '../../events/index.ts';
import { InterviewSchema } from './interviews.schemas.ts';
import { SchedulingLinkSchema } from './self-scheduling.schemas.ts';

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
  {
    type: 'scheduling_link.created', version: 1, description: 'A recruiter made a self-scheduling link for an application (the token is never in the event).',
    payload: Type.Object({ link: SchedulingLinkSchema }),
  },
  {
    type: 'scheduling_link.booked', version: 1,
    description: 'The candidate booked an interview through a scheduling link; the interview itself comes as interview.scheduled in the same transaction.',
    payload: Type.Object({ link: SchedulingLinkSchema, interviewId: Type.String() }),
  },
  {
    type: 'scheduling_link.revoked', version: 1, description: 'A scheduling link was revoked before it was used.',
    payload: Type.Object({ link: SchedulingLinkSchema }),
  },
] as const satisfies readonly EventDefinition[];
