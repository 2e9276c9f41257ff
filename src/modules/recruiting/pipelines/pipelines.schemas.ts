import { Type, type Static } from 'typebox';
import { Nullable } from '../../../http/schemas.ts';
import { stageKinds } from './pipelines.table.ts';

export const MAX_STAGES = 30;

export const StageKindSchema = Type.Enum(stageKinds, {
  description: 'What the stage means to the pipeline: applied (the one entry stage, first), screen, interview, offer, hired (the one end for hires), rejected',
});
const StageName = Type.String({ minLength: 1, maxLength: 80 });
const CandidateName = Type.String({ minLength: 1, maxLength: 80, description: 'What the candidate sees for this stage; defaults to the stage name' });

const StageRules = 'Stage names are unique within the list (ignoring case); 1–30 stages; exactly one stage of kind `applied`, and it is the first; '
  + 'exactly one of kind `hired`, with only stages of kind `rejected` after it.';

export const TemplateStageSchema = Type.Object({ name: Type.String(), kind: StageKindSchema, candidateName: Type.String() });
export const TemplateStageInputSchema = Type.Object({
  name: StageName, kind: StageKindSchema, candidateName: Type.Optional(CandidateName),
}, { additionalProperties: false });
const TemplateStagesInput = Type.Array(TemplateStageInputSchema, { minItems: 1, maxItems: MAX_STAGES, description: StageRules });

export const PipelineTemplateSchema = Type.Object({
  id: Type.String({ examples: ['ptpl_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  name: Type.String(),
  isDefault: Type.Boolean({ description: 'The template a job\'s stages come from the first time its pipeline is used; exactly one per org' }),
  stages: Type.Array(TemplateStageSchema),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ description: 'Increments on every change; the ETag is the strong tag "<version>"' }),
}, { $id: 'PipelineTemplate' });
export type PipelineTemplate = Static<typeof PipelineTemplateSchema>;

const TemplateName = Type.String({ minLength: 1, maxLength: 120 });
export const CreateTemplateBodySchema = Type.Object({
  name: TemplateName,
  stages: TemplateStagesInput,
  isDefault: Type.Optional(Type.Boolean({ description: 'Make this the org\'s default (the previous default stops being one)' })),
}, { additionalProperties: false });
export type CreateTemplateInput = Static<typeof CreateTemplateBodySchema>;

export const UpdateTemplateBodySchema = Type.Object({
  name: Type.Optional(TemplateName),
  stages: Type.Optional(TemplateStagesInput),
  isDefault: Type.Optional(Type.Literal(true, { description: 'Make this the default; to stop a template being the default, make another one the default' })),
}, { additionalProperties: false, minProperties: 1 });
export type UpdateTemplateInput = Static<typeof UpdateTemplateBodySchema>;

export const IdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const JobStageSchema = Type.Object({
  id: Type.String({ examples: ['stg_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  position: Type.Integer({ description: 'Order in the pipeline, from 0' }),
  name: Type.String(),
  kind: StageKindSchema,
  candidateName: Type.String(),
}, { $id: 'JobStage' });
export type JobStage = Static<typeof JobStageSchema>;

export const ReplaceStagesBodySchema = Type.Object({
  stages: Type.Array(Type.Object({
    id: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'An existing stage of this job to keep (renamed, moved, re-kinded as given); leave out to add a new stage' })),
    name: StageName,
    kind: StageKindSchema,
    candidateName: Type.Optional(CandidateName),
  }, { additionalProperties: false }), { minItems: 1, maxItems: MAX_STAGES, description: `The whole new list, in order. ${StageRules}` }),
  moves: Type.Optional(Type.Array(Type.Object({
    fromStageId: Type.String({ minLength: 1, maxLength: 64, description: 'A stage left out of `stages`' }),
    toStageId: Type.String({ minLength: 1, maxLength: 64, description: 'A stage kept in `stages` (not of kind hired)' }),
  }, { additionalProperties: false }), { maxItems: MAX_STAGES, description: 'Where the applications of each removed stage go; required for a removed stage that holds applications' })),
}, { additionalProperties: false });
export type ReplaceStagesInput = Static<typeof ReplaceStagesBodySchema>;

export const ApplyTemplateBodySchema = Type.Object({ templateId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

export const StageListSchema = Type.Object({ data: Type.Array(JobStageSchema) });

export const RejectionReasonSchema = Type.Object({
  id: Type.String({ examples: ['rjr_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  name: Type.String(),
  archived: Type.Boolean({ description: 'An archived reason still shows on old rejections but cannot be picked for new ones' }),
  archivedAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
}, { $id: 'RejectionReason' });
export type RejectionReason = Static<typeof RejectionReasonSchema>;

const ReasonName = Type.String({ minLength: 1, maxLength: 100, description: 'Unique in the org, ignoring case' });
export const CreateReasonBodySchema = Type.Object({ name: ReasonName }, { additionalProperties: false });
export const UpdateReasonBodySchema = Type.Object({
  name: Type.Optional(ReasonName),
  archived: Type.Optional(Type.Boolean()),
}, { additionalProperties: false, minProperties: 1 });
export type UpdateReasonInput = Static<typeof UpdateReasonBodySchema>;
