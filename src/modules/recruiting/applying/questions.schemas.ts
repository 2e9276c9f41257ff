import { Type, type Static } from 'typebox';

export const MAX_QUESTIONS = 50;
export const MAX_OPTIONS = 50;

const QuestionKindSchema = Type.Union([
  Type.Literal('short_text'), Type.Literal('long_text'), Type.Literal('yes_no'),
  Type.Literal('single_choice'), Type.Literal('multi_choice'), Type.Literal('file'),
], { description: 'short_text, long_text, yes_no, single_choice, multi_choice (options required), file (a PDF or Word upload)' });

export const QuestionSchema = Type.Object({
  id: Type.String({ examples: ['qst_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  label: Type.String(),
  kind: QuestionKindSchema,
  required: Type.Boolean(),
  options: Type.Array(Type.String(), { description: 'The choices of a choice question; empty otherwise' }),
});
export type Question = Static<typeof QuestionSchema>;

export const QuestionInputSchema = Type.Object({
  id: Type.Optional(Type.String({
    minLength: 1, maxLength: 64,
    description: 'Keep an existing question (and the answers that name it): pass its id. Omit for a new question.',
  })),
  label: Type.String({ minLength: 1, maxLength: 500 }),
  kind: QuestionKindSchema,
  required: Type.Optional(Type.Boolean({ default: false })),
  options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: MAX_OPTIONS, description: '1–50 distinct choices, for choice questions only' })),
}, { additionalProperties: false });
export type QuestionInput = Static<typeof QuestionInputSchema>;

export const QuestionsBodySchema = Type.Object({
  questions: Type.Array(QuestionInputSchema, { maxItems: MAX_QUESTIONS }),
}, { additionalProperties: false });

export const QuestionsSchema = Type.Object({ questions: Type.Array(QuestionSchema) });

export const JobQuestionsParamsSchema = Type.Object({ jobId: Type.String({ minLength: 1, maxLength: 64 }) });
