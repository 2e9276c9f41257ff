import { Type, type Static } from 'typebox';
import { Nullable } from '../../../http/schemas.ts';
import { InterviewKindSchema } from './interviews.schemas.ts';
import type { Weekday } from './self-scheduling.table.ts';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const DateTime = Type.String({ format: 'date-time', description: 'RFC 3339, with a Z or an offset' });
const Instant = Type.String({ format: 'date-time' });

const WindowSchema = Type.Object({ start: DateTime, end: DateTime }, { additionalProperties: false });

const Weekday = Type.Enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const satisfies readonly Weekday[]);
const WallTime = (description: string) => Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$', examples: ['09:00'], description });
const WeeklyHoursSchema = Type.Object({
  timeZone: Type.String({ minLength: 1, maxLength: 64, examples: ['Europe/Berlin'], description: 'IANA zone the hours are wall-clock times in (they follow its DST changes)' }),
  hours: Type.Array(Type.Object({ day: Weekday, start: WallTime('HH:MM'), end: WallTime('HH:MM, after start; 24:00 for midnight') }, { additionalProperties: false }), { maxItems: 50 }),
}, { additionalProperties: false, description: 'Hours you are free every week, on top of the windows (a PUT without it removes them)' });
export type WeeklyHours = Static<typeof WeeklyHoursSchema>;

export const AvailabilityBodySchema = Type.Object({
  windows: Type.Array(WindowSchema, { maxItems: 500, description: 'Spans you are free to interview in; overlapping or touching spans are joined' }),
  weekly: Type.Optional(WeeklyHoursSchema),
}, { additionalProperties: false });
export type AvailabilityInput = Static<typeof AvailabilityBodySchema>;

export const AvailabilitySchema = Type.Object({
  windows: Type.Array(Type.Object({ start: Instant, end: Instant }), { description: 'Soonest first, none overlapping' }),
  weekly: Nullable(WeeklyHoursSchema),
});
export type Availability = Static<typeof AvailabilitySchema>;

export const CreateSchedulingLinkBodySchema = Type.Object({
  interviewers: Type.Array(Id, { minItems: 1, maxItems: 10, description: 'User ids of members who can see the job; a slot is offered only when all of them are free' }),
  durationMinutes: Type.Integer({ minimum: 15, maximum: 480, multipleOf: 5 }),
  kind: InterviewKindSchema,
  location: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'Needed for onsite interviews' })),
  videoUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'An http(s) link to the call; needed for video interviews' })),
  agenda: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'The earliest start offered; now if absent' })),
  to: Type.String({ format: 'date-time', description: 'Every slot ends by then; at most 60 days after `from`' }),
  expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'When the link stops working; `to` if absent' })),
}, { additionalProperties: false });
export type CreateSchedulingLinkInput = Static<typeof CreateSchedulingLinkBodySchema>;

export const SchedulingLinkSchema = Type.Object({
  id: Type.String({ examples: ['schl_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  applicationId: Type.String(),
  jobId: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('booked'), Type.Literal('revoked')], { description: 'An open link past `expiresAt` no longer works either' }),
  interviewers: Type.Array(Type.String()),
  durationMinutes: Type.Integer(),
  kind: InterviewKindSchema,
  location: Nullable(Type.String()),
  videoUrl: Nullable(Type.String()),
  agenda: Nullable(Type.String()),
  from: Instant,
  to: Instant,
  expiresAt: Instant,
  interviewId: Nullable(Type.String({ description: 'The interview booked through it' })),
  createdBy: Type.Object({ type: Type.Union([Type.Literal('user'), Type.Literal('api-key'), Type.Literal('system')]), id: Nullable(Type.String()) }),
  createdAt: Instant,
  updatedAt: Instant,
}, { $id: 'SchedulingLink' });
export type SchedulingLink = Static<typeof SchedulingLinkSchema>;

export const CreatedSchedulingLinkSchema = Type.Object({
  link: SchedulingLinkSchema,
  url: Type.String({ description: 'Secret: send it to the candidate; whoever holds it can book. Shown only now' }),
});

const Slot = Type.Object({
  start: Instant,
  end: Instant,
  localStart: Type.String({ description: 'The start as the wall clock in the asked time zone reads it, with its offset', examples: ['2030-03-10T10:00:00+01:00'] }),
  localEnd: Type.String({ examples: ['2030-03-10T11:00:00+01:00'] }),
});

export const SchedulingPageSchema = Type.Object({
  status: Type.Union([Type.Literal('open'), Type.Literal('booked')]),
  kind: InterviewKindSchema,
  durationMinutes: Type.Integer(),
  timeZone: Type.String({ description: 'The zone the local times are in' }),
  expiresAt: Instant,
  booked: Nullable(Type.Object({ start: Instant, end: Instant, localStart: Type.String(), localEnd: Type.String() })),
  slots: Type.Array(Slot, { description: 'Free slots, soonest first: every interviewer is available and has no other interview then (none once booked)' }),
});
export type SchedulingPage = Static<typeof SchedulingPageSchema>;

export const SchedulingQuerySchema = Type.Object({
  timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, examples: ['Europe/Paris'], description: 'IANA time zone to show the slots in; UTC if absent' })),
}, { additionalProperties: false });

export const BookingBodySchema = Type.Object({
  start: DateTime,
  timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'The candidate\'s IANA time zone: the invite shows its wall-clock time; UTC if absent' })),
}, { additionalProperties: false });
export type BookingInput = Static<typeof BookingBodySchema>;

export const TokenParamsSchema = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) });
export const LinkParamsSchema = Type.Object({ id: Id });
