import { Type, type Static } from 'typebox';
import { Nullable } from '../../../http/schemas.ts';

export const ApplicationStatusSchema = Type.Union(
  [Type.Literal('active'), Type.Literal('rejected'), Type.Literal('withdrawn'), Type.Literal('hired')],
  { description: 'active: in the pipeline; rejected, withdrawn and hired are ends that the matching action can undo' },
);

export const StageKindSchema = Type.Union(
  [Type.Literal('applied'), Type.Literal('screen'), Type.Literal('interview'), Type.Literal('offer'), Type.Literal('hired'), Type.Literal('rejected')],
);

export const AnswerValueSchema = Type.Union([
  Type.String(), Type.Boolean(), Type.Array(Type.String()),
  Type.Object({ attachmentId: Type.String() }, { additionalProperties: false }),
]);

export const ApplicationSchema = Type.Object({
  id: Type.String({ examples: ['app_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  jobId: Type.String(),
  candidateId: Type.String(),
  stage: Type.Object({ id: Type.String(), name: Type.String(), kind: StageKindSchema }),
  status: ApplicationStatusSchema,
  rejection: Nullable(Type.Object({ reasonId: Nullable(Type.String()), note: Nullable(Type.String()) })),
  source: Type.String(),
  sourceDetail: Nullable(Type.String()),
  answers: Type.Record(Type.String(), AnswerValueSchema, { description: 'By question id' }),
  coverLetter: Nullable(Type.String()),
  consent: Nullable(Type.Object({ noticeUrl: Nullable(Type.String()), noticeVersion: Nullable(Type.String()), consentedAt: Type.String({ format: 'date-time' }) })),
  futureRolesConsentedAt: Nullable(Type.String({ format: 'date-time', description: 'When the applicant agreed to be kept for future roles (the retention policy keeps them longer); null if they did not' })),
  appliedAt: Type.String({ format: 'date-time' }),
  lastActivityAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ description: 'Increments on every change; a move names the version it saw' }),
});
export type Application = Static<typeof ApplicationSchema>;

// A bad id is simply one that names nothing (404), as for jobs: only its length is bounded here.
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Note = Type.String({ minLength: 1, maxLength: 5000 });
const ExpectedVersion = Type.Optional(Type.Integer({
  minimum: 1, maximum: 2_147_483_647,
  description: 'The version you saw; a different current version is a 409 version-conflict. The If-Match header (its ETag) does the same.',
}));

export const ApplicationIdParamsSchema = Type.Object({ id: Id });

export const AddToJobBodySchema = Type.Object({
  candidateId: Id,
  jobId: Id,
  stageId: Type.Optional(Id),
  source: Type.Optional(Type.Enum(['board', 'referral', 'agency', 'sourced', 'imported', 'manual'] as const)),
  sourceDetail: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
}, { additionalProperties: false });
export type AddToJobInput = Static<typeof AddToJobBodySchema>;

export const ListApplicationsQuerySchema = Type.Object({
  jobId: Type.Optional(Id),
  candidateId: Type.Optional(Id),
  status: Type.Optional(ApplicationStatusSchema),
  stageId: Type.Optional(Id),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
}, { additionalProperties: false });

export const MoveBodySchema = Type.Object({ stageId: Id, expectedVersion: ExpectedVersion }, { additionalProperties: false });
export const RejectBodySchema = Type.Object({ reasonId: Id, note: Type.Optional(Note), expectedVersion: ExpectedVersion }, { additionalProperties: false });
export const UnrejectBodySchema = Type.Object({ expectedVersion: ExpectedVersion }, { additionalProperties: false });
export const WithdrawBodySchema = Type.Object({ note: Type.Optional(Note), expectedVersion: ExpectedVersion }, { additionalProperties: false });
export const ReopenBodySchema = Type.Object({
  stageId: Type.Optional(Type.String({ ...Id, description: 'Where it goes; by default where it was, or the stage before hired for a hired one' })),
  expectedVersion: ExpectedVersion,
}, { additionalProperties: false });

const ApplicationIds = Type.Array(Id, { minItems: 1, maxItems: 500, uniqueItems: true });
export const BulkMoveBodySchema = Type.Object({ applicationIds: ApplicationIds, stageId: Id }, { additionalProperties: false });
export const BulkRejectBodySchema = Type.Object({ applicationIds: ApplicationIds, reasonId: Id, note: Type.Optional(Note) }, { additionalProperties: false });
export const BulkResultsSchema = Type.Object({
  results: Type.Array(Type.Union([
    Type.Object({ applicationId: Type.String(), ok: Type.Literal(true), application: ApplicationSchema }),
    Type.Object({ applicationId: Type.String(), ok: Type.Literal(false), problem: Type.Object({ code: Type.String(), detail: Type.String() }) }),
  ]), { description: 'One per id, in the order given; each item either happened completely or not at all' }),
});

export const HistoryItemSchema = Type.Object({
  id: Type.String(),
  action: Type.Enum(['created', 'moved', 'rejected', 'unrejected', 'withdrawn', 'reopened', 'hired', 'merged', 'interview_scheduled', 'interview_rescheduled', 'interview_cancelled', 'scorecard_submitted'] as const),
  actor: Type.Object({
    type: Type.Enum(['user', 'api-key', 'system', 'candidate'] as const),
    id: Nullable(Type.String()),
  }),
  at: Type.String({ format: 'date-time' }),
  fromStageId: Nullable(Type.String({ description: 'The stage before the change' })),
  toStageId: Nullable(Type.String({ description: 'The stage after the change' })),
  reasonId: Nullable(Type.String()),
  note: Nullable(Type.String()),
});
export type HistoryItem = Static<typeof HistoryItemSchema>;

export const JobPipelineParamsSchema = Type.Object({ jobId: Id });
export const StageParamsSchema = Type.Object({ jobId: Id, stageId: Id });
export const pipelineSorts = ['applied', '-applied', 'activity', '-activity'] as const;
export const StagePageQuerySchema = Type.Object({
  // Default active: the ones the view counts.
  status: Type.Optional(ApplicationStatusSchema),
  sort: Type.Optional(Type.Enum(pipelineSorts, { description: 'Applied date or last activity; `-` for newest first. Default applied.' })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
}, { additionalProperties: false });

export const PipelineViewSchema = Type.Object({
  stages: Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), kind: StageKindSchema, candidateName: Type.String(),
    count: Type.Integer({ description: 'Active applications in the stage' }),
  })),
});
export type PipelineView = Static<typeof PipelineViewSchema>;

export const StageApplicationSchema = Type.Object({
  ...ApplicationSchema.properties,
  candidate: Type.Object({ id: Type.String(), name: Type.String(), email: Nullable(Type.String()) }),
});
export type StageApplication = Static<typeof StageApplicationSchema>;
