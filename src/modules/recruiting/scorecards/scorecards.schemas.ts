import { Type, type Static } from 'typebox';
import { Nullable } from '../../../http/schemas.ts';
import { recommendations } from './scorecards.table.ts';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const DateTime = Type.String({ format: 'date-time' });

export const RecommendationSchema = Type.Enum(recommendations, {
  description: 'The interviewer\'s overall call: strong_no, no, yes or strong_yes',
});

export const RatingSchema = Type.Object({
  criterionId: Type.String(),
  criterion: Type.String({ description: 'The criterion\'s name when the rating was given' }),
  rating: Type.Integer({ minimum: 1, maximum: 4, description: '1 (poor) to 4 (excellent)' }),
});

const content = {
  ratings: Type.Array(RatingSchema, { description: 'In the order of the job\'s criteria; a criterion the interviewer did not cover is left out' }),
  notes: Nullable(Type.String({ description: 'Free text about the candidate, for the hiring team' })),
};

export const ScorecardVersionSchema = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  ...content,
  recommendation: RecommendationSchema,
  submittedAt: DateTime,
});
export type ScorecardVersion = Static<typeof ScorecardVersionSchema>;

export const ScorecardDraftSchema = Type.Object({
  ...content,
  recommendation: Nullable(RecommendationSchema),
  savedAt: DateTime,
});
export type ScorecardDraft = Static<typeof ScorecardDraftSchema>;

const scorecard = {
  id: Type.String({ examples: ['scd_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  applicationId: Type.String(),
  interviewId: Type.String(),
  jobId: Type.String(),
  interviewerId: Type.String({ description: 'The user id of the interviewer who wrote it' }),
  revision: Type.Integer({ description: 'Raised by every save and submit; the ETag that If-Match names' }),
  submitted: Type.Union([ScorecardVersionSchema, Type.Null()], { description: 'The latest submitted version; null until the first submit' }),
  draft: Type.Union([ScorecardDraftSchema, Type.Null()], {
    description: 'The open draft: shown to its author only (null for everyone else), and null after a submit until the next edit',
  }),
  createdAt: DateTime,
  updatedAt: DateTime,
};
export const ScorecardSchema = Type.Object(scorecard, { $id: 'Scorecard' });
export type Scorecard = Static<typeof ScorecardSchema>;

export const ScorecardWithVersionsSchema = Type.Object({
  ...scorecard,
  versions: Type.Array(ScorecardVersionSchema, { description: 'Every submitted version, oldest first (the last is `submitted`)' }),
});
export type ScorecardWithVersions = Static<typeof ScorecardWithVersionsSchema>;

const OthersHidden = Type.Boolean({
  description: 'True while you must submit your own scorecard for this application before you see other interviewers\' (recruiters, hiring managers and admins always see them)',
});

export const ApplicationScorecardsSchema = Type.Object({ data: Type.Array(ScorecardSchema), othersHidden: OthersHidden });

const Count = Type.Integer({ minimum: 0 });

export const ScorecardSummarySchema = Type.Object({
  applicationId: Type.String(),
  othersHidden: OthersHidden,
  submitted: Type.Array(ScorecardSchema, { description: 'The submitted scorecards you may see, each at its latest version' }),
  recommendations: Type.Object({ strong_no: Count, no: Count, yes: Count, strong_yes: Count }, { description: 'How many of those scorecards recommend each' }),
  criteria: Type.Array(Type.Object({
    criterionId: Type.String(),
    name: Type.String(),
    ratings: Type.Integer({ minimum: 0, description: 'How many of those scorecards rate it' }),
    average: Nullable(Type.Number({ description: 'Mean rating, to two decimals; null when nobody rated it' })),
  }), { description: 'The job\'s current criteria, in order' }),
  pending: Type.Array(Type.Object({
    interviewId: Type.String(),
    interviewerId: Type.String(),
    start: DateTime,
  }), { description: 'Each interviewer of a scheduled (not cancelled) interview who has not submitted its scorecard yet, by interview start' }),
});
export type ScorecardSummary = Static<typeof ScorecardSummarySchema>;

export const ScorecardBodySchema = Type.Object({
  ratings: Type.Optional(Type.Array(Type.Object({
    criterionId: Id,
    rating: Type.Integer({ minimum: 1, maximum: 4, description: '1 (poor) to 4 (excellent)' }),
  }, { additionalProperties: false }), { maxItems: 30, description: 'Ratings of the job\'s criteria, each at most once' })),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 20000 }))),
  recommendation: Type.Optional(Nullable(RecommendationSchema)),
}, { additionalProperties: false });
export type ScorecardInput = Static<typeof ScorecardBodySchema>;

export const IdParamsSchema = Type.Object({ id: Id });
