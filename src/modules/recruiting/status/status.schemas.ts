import { Type, type Static } from 'typebox';
import { Nullable } from '../../../http/schemas.ts';
import { CandidateOfferTermsSchema } from '../offers/index.ts';

/** How long a status-page link opens the page: long enough for a hiring process's next steps, short enough to leak little. */
export const STATUS_LINK_DAYS = 14;

export const StatusLinkSchema = Type.Object({
  url: Type.String({ description: 'Secret: the candidate\'s status page (HTML). Anyone with it sees their applications; send it to the candidate only' }),
  apiUrl: Type.String({ description: 'The same page as JSON' }),
  expiresAt: Type.String({ format: 'date-time' }),
}, { $id: 'CandidateStatusLink' });
export type StatusLink = Static<typeof StatusLinkSchema>;

export const StatusApplicationSchema = Type.Object({
  id: Type.String(),
  job: Type.Object({ title: Nullable(Type.String({ description: 'Null if the job no longer exists' })) }),
  stage: Type.String({ description: 'The stage\'s candidate-facing name ("Under review"), never the team\'s own name for it' }),
  status: Type.Enum(['open', 'closed', 'withdrawn', 'hired'] as const, { description: 'closed: the organization is not moving forward with it' }),
  appliedAt: Type.String({ format: 'date-time' }),
  canWithdraw: Type.Boolean(),
  withdrawUrl: Nullable(Type.String({ description: 'POST here to withdraw; null when it cannot be withdrawn' })),
});
export type StatusApplication = Static<typeof StatusApplicationSchema>;

export const StatusInterviewSchema = Type.Object({
  id: Type.String(),
  applicationId: Type.String(),
  job: Type.Object({ title: Nullable(Type.String()) }),
  kind: Type.Enum(['phone', 'video', 'onsite'] as const),
  start: Type.String({ format: 'date-time' }),
  end: Type.String({ format: 'date-time' }),
  timeZone: Type.String({ description: 'IANA name of the zone the interview was planned in' }),
  location: Nullable(Type.String()),
  videoUrl: Nullable(Type.String()),
  inviteUrl: Type.String({ description: 'The interview as an iCalendar file, to add to a calendar' }),
});
export type StatusInterview = Static<typeof StatusInterviewSchema>;

/** An offer waiting for the candidate's answer: its terms as sent, never its approvers, their notes or earlier versions. */
export const StatusOfferSchema = Type.Object({
  id: Type.String(),
  applicationId: Type.String(),
  job: Type.Object({ title: Nullable(Type.String()) }),
  terms: CandidateOfferTermsSchema,
  sentAt: Type.String({ format: 'date-time' }),
  acceptUrl: Type.String({ description: 'POST here (optional `note`) to accept: that is your hire' }),
  declineUrl: Type.String({ description: 'POST here (optional `note`, e.g. why) to decline' }),
});
export type StatusOffer = Static<typeof StatusOfferSchema>;

export const StatusOfferAnswerSchema = Type.Object({
  id: Type.String(),
  applicationId: Type.String(),
  status: Type.Enum(['accepted', 'declined'] as const),
  respondedAt: Type.String({ format: 'date-time' }),
});
export type StatusOfferAnswer = Static<typeof StatusOfferAnswerSchema>;

export const StatusOfferBodySchema = Type.Object({
  note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'A word to the organization (optional)' })),
}, { additionalProperties: false });

export const StatusErasureRequestSchema = Type.Object({
  status: Type.Enum(['pending', 'erased', 'declined'] as const),
  requestedAt: Type.String({ format: 'date-time' }),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
  note: Nullable(Type.String({ description: 'Why it was declined, if the organization said' })),
});

export const StatusPageSchema = Type.Object({
  candidate: Type.Object({ name: Type.String() }),
  applications: Type.Array(StatusApplicationSchema, { description: 'Oldest first' }),
  interviews: Type.Array(StatusInterviewSchema, { description: 'Scheduled interviews of open applications that have not ended, soonest first' }),
  offers: Type.Array(StatusOfferSchema, { description: 'Sent offers awaiting the candidate\'s answer (accept or decline), oldest first' }),
  erasureRequest: Type.Union([StatusErasureRequestSchema, Type.Null()], { description: 'The candidate\'s latest request to have their data erased' }),
  erasureRequestUrl: Type.String({ description: 'POST here (optional `reason`) to ask the organization to erase your data' }),
  linkExpiresAt: Type.String({ format: 'date-time' }),
}, { $id: 'CandidateStatusPage' });
export type StatusPage = Static<typeof StatusPageSchema>;

export const StatusTokenParamsSchema = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) });
export const StatusApplicationParamsSchema = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }), applicationId: Type.String({ minLength: 1, maxLength: 64 }) });
export const StatusOfferParamsSchema = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }), offerId: Type.String({ minLength: 1, maxLength: 64 }) });
export const StatusInterviewParamsSchema = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }), interviewId: Type.String({ minLength: 1, maxLength: 64 }) });

export const StatusErasureBodySchema = Type.Object({
  reason: Type.Optional(Type.String({ maxLength: 1000, description: 'Why, in your own words (optional)' })),
}, { additionalProperties: false });

export const StatusErasureAnswerSchema = Type.Object({ erasureRequest: StatusErasureRequestSchema, created: Type.Boolean({ description: 'False: a request was already pending; this is it' }) });
