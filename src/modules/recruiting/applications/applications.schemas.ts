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
  appliedAt: Type.String({ format: 'date-time' }),
  lastActivityAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ description: 'Increments on every change; a move names the version it saw' }),
});
export type Application = Static<typeof ApplicationSchema>;
