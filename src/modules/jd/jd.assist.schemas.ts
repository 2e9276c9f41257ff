import { Type, type Static } from 'typebox';
import { ParsedJobDescriptionSchema } from './jd.schemas.ts';

/**
 * Fields a language model may fill when the parser left them empty or flagged them. Skills,
 * competencies and languages stay the parser's (canonical names from the taxonomy, which a model
 * does not know), and so do sections.
 */
export const assistableFields = [
  'title', 'company', 'employmentType', 'workplace', 'locations', 'salary', 'experienceYearsMin', 'applyDeadline',
] as const;
export type AssistableField = (typeof assistableFields)[number];

export const AssistQuerySchema = Type.Object({
  assist: Type.Optional(Type.Literal('llm', {
    description: 'Ask the configured language model for the fields the parser left empty or flagged; 409 llm-not-configured without one',
  })),
});

const FieldSourceSchema = Type.Union([Type.Literal('parser'), Type.Literal('llm')]);

export const FieldSourcesSchema = Type.Object(
  Object.fromEntries(assistableFields.map((name) => [name, FieldSourceSchema])) as Record<AssistableField, typeof FieldSourceSchema>,
  { additionalProperties: false, description: 'Where each field\'s value came from; skills, competencies, languages and sections always come from the parser' },
);
export type FieldSources = Static<typeof FieldSourcesSchema>;

export const AssistOutcomeSchema = Type.Union([
  Type.Literal('answered'), Type.Literal('nothing_to_ask'), Type.Literal('budget_exhausted'),
  Type.Literal('invalid_answer'), Type.Literal('unavailable'),
], {
  description: 'answered: the model\'s valid answer was merged; nothing_to_ask: the parser found every field; '
    + 'budget_exhausted: the org spent this month\'s tokens; invalid_answer: two answers did not match the schema; '
    + 'unavailable: timeout, rate limit or error after retries. Anything but answered keeps the parser\'s result.',
});
export type AssistOutcome = Static<typeof AssistOutcomeSchema>;

export const AssistReportSchema = Type.Object({
  provider: Type.Union([Type.Literal('openai'), Type.Literal('anthropic')]),
  model: Type.String(),
  asked: Type.Array(Type.Enum(assistableFields), { description: 'Fields the model was asked for' }),
  outcome: AssistOutcomeSchema,
  inputTokens: Type.Integer({ minimum: 0 }),
  outputTokens: Type.Integer({ minimum: 0 }),
}, { additionalProperties: false });
export type AssistReport = Static<typeof AssistReportSchema>;

export const ParseResponseSchema = Type.Object({
  ...ParsedJobDescriptionSchema.properties,
  sources: Type.Optional(FieldSourcesSchema),
  assist: Type.Optional(AssistReportSchema),
}, {
  description: 'The parser\'s fields; with ?assist=llm also `sources` and `assist`, and warnings may add '
    + 'llm_budget_exhausted, llm_invalid_answer or llm_unavailable (the parser\'s values were kept).',
});

export const LlmUsageSchema = Type.Object({
  provider: Type.Union([Type.Literal('openai'), Type.Literal('anthropic')]),
  model: Type.String(),
  month: Type.String({ description: 'First day of the month (UTC), YYYY-MM-DD' }),
  inputTokens: Type.Integer({ minimum: 0 }),
  outputTokens: Type.Integer({ minimum: 0 }),
  calls: Type.Integer({ minimum: 0, description: 'Questions asked of the model (an invalid first answer and its retry are one)' }),
  monthlyTokenBudget: Type.Integer({ minimum: 1, description: 'LLM_MONTHLY_TOKEN_BUDGET' }),
  remainingTokens: Type.Integer({ minimum: 0, description: 'At 0, assisted parses keep the parser\'s result with the warning llm_budget_exhausted' }),
}, { additionalProperties: false });
