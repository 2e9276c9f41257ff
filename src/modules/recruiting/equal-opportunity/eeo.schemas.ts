import { Type, type Static } from 'typebox';

export const MAX_EEO_QUESTIONS = 10;
export const MAX_EEO_CHOICES = 30;
/** Every question offers it: answering is voluntary, and so is saying what one is. */
export const PREFER_NOT_TO_SAY = 'Prefer not to say';
/** A group smaller than this is never shown as a number. */
export const MINIMUM_GROUP = 5;
export const FEWER_THAN_MINIMUM = 'fewer than 5';
/** A group of at least MINIMUM_GROUP hidden so that a lone small group cannot be worked out from the others. */
export const WITHHELD = 'withheld';

export const EeoQuestionSchema = Type.Object({
  id: Type.String({ examples: ['eeoq_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  label: Type.String(),
  choices: Type.Array(Type.String(), { description: `In order; "${PREFER_NOT_TO_SAY}" is always one of them` }),
});
export type EeoQuestion = Static<typeof EeoQuestionSchema>;

export const EeoQuestionInputSchema = Type.Object({
  id: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Keep an existing question (and the answers given to it): pass its id. Omit for a new one.' })),
  label: Type.String({ minLength: 1, maxLength: 300 }),
  choices: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
    minItems: 1, maxItems: MAX_EEO_CHOICES, description: `Distinct; "${PREFER_NOT_TO_SAY}" is added at the end unless one of them says it`,
  }),
}, { additionalProperties: false });
export type EeoQuestionInput = Static<typeof EeoQuestionInputSchema>;

export const EeoQuestionsBodySchema = Type.Object({
  questions: Type.Array(EeoQuestionInputSchema, { maxItems: MAX_EEO_QUESTIONS }),
}, { additionalProperties: false });

export const EeoQuestionsSchema = Type.Object({ questions: Type.Array(EeoQuestionSchema) }, { $id: 'EeoQuestions' });

/** What an applicant may send: by question id, one of its choices. */
export const EeoAnswersBodySchema = Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 200 }), {
  maxProperties: MAX_EEO_QUESTIONS,
  description: 'Voluntary equal-opportunity answers, by question id (the job page\'s `equalOpportunity`): one of the question\'s choices. '
    + 'Kept apart from the application, never shown with it, counted only in aggregate.',
});

const GroupCount = Type.Union([
  Type.Integer({ minimum: MINIMUM_GROUP }),
  Type.Literal(FEWER_THAN_MINIMUM),
  Type.Literal(WITHHELD),
], { description: `A number only for ${MINIMUM_GROUP} or more; "${FEWER_THAN_MINIMUM}" for a smaller group (0 included); "${WITHHELD}" for a larger group hidden so a lone small group cannot be derived from the others` });

export const EeoReportSchema = Type.Object({
  jobId: Type.String(),
  title: Type.String(),
  minimumGroupSize: Type.Integer({ description: 'Groups smaller than this are not shown as numbers' }),
  questions: Type.Array(Type.Object({
    questionId: Type.String(),
    label: Type.String(),
    choices: Type.Array(Type.Object({ choice: Type.String(), count: GroupCount })),
  }), { description: 'The org\'s current questions, in order. No totals are given: with them a small group could be worked out.' }),
}, { $id: 'EeoReport' });
export type EeoReport = Static<typeof EeoReportSchema>;
export type GroupCountValue = Static<typeof GroupCount>;

export const EeoReportQuerySchema = Type.Object({
  jobId: Type.String({ minLength: 1, maxLength: 64, description: 'The job whose applicants\' answers are counted' }),
}, { additionalProperties: false });
