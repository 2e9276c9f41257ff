import { Type, type Static } from 'typebox';
import { CursorQuery, LimitQuery, Nullable } from '../../../http/schemas.ts';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const DateTime = Type.String({ format: 'date-time', description: 'RFC 3339, with a Z or an offset' });
const TimeZone = Type.String({ minLength: 1, maxLength: 64, examples: ['Europe/Berlin'], description: 'IANA time zone the interview is planned in; invites show its wall-clock time' });
export const InterviewKindSchema = Type.Union([Type.Literal('phone'), Type.Literal('video'), Type.Literal('onsite')]);
const Location = Type.String({ minLength: 1, maxLength: 500, description: 'Where (an address or room; a number to call for phone interviews); needed for onsite ones' });
const VideoUrl = Type.String({ minLength: 1, maxLength: 2000, description: 'An http(s) link to the call; needed for video interviews' });
const Agenda = Type.String({ minLength: 1, maxLength: 5000, description: 'Plain text' });
const Interviewers = Type.Array(Id, { minItems: 1, maxItems: 20, description: 'User ids of org members; each must be able to see the job (assigned roles: on its hiring team)' });

export const InterviewSchema = Type.Object({
  id: Type.String({ examples: ['intv_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  applicationId: Type.String(),
  jobId: Type.String(),
  candidateId: Type.String(),
  kind: InterviewKindSchema,
  status: Type.Union([Type.Literal('scheduled'), Type.Literal('cancelled')]),
  start: Type.String({ format: 'date-time' }),
  end: Type.String({ format: 'date-time' }),
  timeZone: Type.String(),
  location: Nullable(Type.String()),
  videoUrl: Nullable(Type.String()),
  agenda: Nullable(Type.String()),
  interviewers: Type.Array(Type.String()),
  organizer: Type.Object({ type: Type.Union([Type.Literal('user'), Type.Literal('api-key'), Type.Literal('system')]), id: Nullable(Type.String()) }),
  sequence: Type.Integer({ description: 'The invite\'s iCalendar SEQUENCE: 0 when scheduled, one more after every change or the cancellation' }),
  cancelReason: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
}, { $id: 'Interview' });
export type Interview = Static<typeof InterviewSchema>;

export const ScheduleInterviewBodySchema = Type.Object({
  start: DateTime,
  end: DateTime,
  timeZone: TimeZone,
  kind: InterviewKindSchema,
  interviewers: Interviewers,
  location: Type.Optional(Location),
  videoUrl: Type.Optional(VideoUrl),
  agenda: Type.Optional(Agenda),
}, { additionalProperties: false });
export type ScheduleInterviewInput = Static<typeof ScheduleInterviewBodySchema>;

export const UpdateInterviewBodySchema = Type.Object({
  start: Type.Optional(DateTime),
  end: Type.Optional(DateTime),
  timeZone: Type.Optional(TimeZone),
  kind: Type.Optional(InterviewKindSchema),
  interviewers: Type.Optional(Interviewers),
  location: Type.Optional(Nullable(Location)),
  videoUrl: Type.Optional(Nullable(VideoUrl)),
  agenda: Type.Optional(Nullable(Agenda)),
}, { additionalProperties: false, minProperties: 1 });
export type UpdateInterviewInput = Static<typeof UpdateInterviewBodySchema>;

export const CancelInterviewBodySchema = Type.Object({
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'Why, for the team (shown in the invite\'s description)' })),
}, { additionalProperties: false });

export const IdParamsSchema = Type.Object({ id: Id });
export const FeedParamsSchema = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) });

export const MyInterviewsQuerySchema = Type.Object({
  limit: Type.Optional(LimitQuery), cursor: Type.Optional(CursorQuery),
  ended: Type.Optional(Type.Boolean({ description: 'true: the interviews that have ended (not cancelled ones), the latest first; their scorecards are often written after' })),
}, { additionalProperties: false });

export const CalendarFeedSchema = Type.Object({
  url: Type.String({ description: 'Secret: anyone with it reads your interviews. Subscribe to it in a calendar app; rotate or revoke it here' }),
  createdAt: Type.String({ format: 'date-time' }),
});

/** Where a page of interviews ends (soonest first): the last one's start and id. */
export interface InterviewPosition {
  start: string;
  id: string;
}
