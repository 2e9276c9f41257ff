import { Type, type Static } from 'typebox';
import { Nullable } from '../../../http/schemas.ts';

export const MAX_CRITERIA = 30;

export const CriterionSchema = Type.Object({
  id: Type.String({ examples: ['scc_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  name: Type.String({ examples: ['System design'] }),
  description: Nullable(Type.String({ description: 'What a good answer shows, for the interviewers' })),
}, { $id: 'ScorecardCriterion' });
export type Criterion = Static<typeof CriterionSchema>;

export const CriterionInputSchema = Type.Object({
  id: Type.Optional(Type.String({
    minLength: 1, maxLength: 64,
    description: 'Keep an existing criterion (and the ratings that name it): pass its id. Omit for a new criterion.',
  })),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 2000 }))),
}, { additionalProperties: false });
export type CriterionInput = Static<typeof CriterionInputSchema>;

export const CriteriaBodySchema = Type.Object({
  criteria: Type.Array(CriterionInputSchema, { maxItems: MAX_CRITERIA }),
}, { additionalProperties: false });

export const CriteriaSchema = Type.Object({ criteria: Type.Array(CriterionSchema) });

export const JobCriteriaParamsSchema = Type.Object({ jobId: Type.String({ minLength: 1, maxLength: 64 }) });
