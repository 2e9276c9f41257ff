import { Type, type Static } from 'typebox';
import { CursorQuery, LimitQuery, Nullable } from '../../../http/schemas.ts';
import { EmploymentTypeSchema, SalarySchema, SkillSchema, WorkplaceSchema } from '../../jd/index.ts';
import { anyCase } from '../../../http/enum-case.ts';
import type { Job } from '../jobs.schemas.ts';
import { OrgSlugSchema } from '../../orgs/index.ts';

const boardJobFields = {
  id: Type.String(),
  title: Type.String(),
  department: Nullable(Type.String()),
  locations: Type.Array(Type.String()),
  workplace: Nullable(WorkplaceSchema),
  employmentType: Nullable(EmploymentTypeSchema),
  salary: Nullable(SalarySchema),
  experienceYearsMin: Nullable(Type.Integer()),
  skills: Type.Array(SkillSchema),
  validThrough: Nullable(Type.String({ format: 'date-time' })),
  publishedAt: Type.String({ format: 'date-time' }),
  url: Type.String({ format: 'uri', description: 'This job on the public board' }),
};

export const BoardJobSummarySchema = Type.Object({
  ...boardJobFields,
  summary: Type.String({ description: 'The start of the description, as plain text' }),
}, { $id: 'BoardJobSummary' });

/** A question of the job's application form, as a careers page renders it (answers go to `answers[<id>]`). */
export const BoardQuestionSchema = Type.Object({
  id: Type.String(),
  label: Type.String(),
  kind: Type.Union([
    Type.Literal('short_text'), Type.Literal('long_text'), Type.Literal('yes_no'), Type.Literal('single_choice'), Type.Literal('multi_choice'), Type.Literal('file'),
  ]),
  required: Type.Boolean(),
  options: Type.Array(Type.String(), { description: 'The choices of a single_choice or multi_choice question; empty otherwise' }),
});
export type BoardQuestion = Static<typeof BoardQuestionSchema>;

export const BoardJobSchema = Type.Object({
  ...boardJobFields,
  description: Type.String({ description: 'Markdown' }),
  questions: Type.Array(BoardQuestionSchema, { description: 'The application form\'s questions, in order' }),
  hiringOrganization: Type.Object({ name: Type.String(), slug: Type.String() }),
  jsonLd: Type.Record(Type.String(), Type.Unknown(), { description: 'schema.org JobPosting, for a <script type="application/ld+json"> tag' }),
}, { $id: 'BoardJob' });

export type BoardJobSummary = Static<typeof BoardJobSummarySchema>;
export type BoardJob = Static<typeof BoardJobSchema>;

/** The newest open jobs of a board, each with its public URL and a plain-text summary; rendered as RSS. */
export interface BoardFeed {
  org: { name: string; slug: string };
  boardUrl: string;
  feedUrl: string;
  entries: readonly { job: Job; url: string; summary: string }[];
}

export const BoardParamsSchema = Type.Object({ orgSlug: OrgSlugSchema });
export const BoardJobParamsSchema = Type.Object({ orgSlug: OrgSlugSchema, id: Type.String({ minLength: 1, maxLength: 64 }) });

export const BoardSearchQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Full-text search over title, skills and description, ranked' })),
  location: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'A city, region or country, e.g. Berlin or Germany' })),
  workplace: Type.Optional(anyCase(WorkplaceSchema)),
  employmentType: Type.Optional(anyCase(EmploymentTypeSchema)),
  skill: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Canonical skill name, e.g. node.js' })),
  department: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  salaryMin: Type.Optional(Type.Number({
    minimum: 0, maximum: 1e9,
    description: 'Only jobs paid in `salaryCurrency` (required with this) whose upper pay, annualized, is at least this much: '
      + 'hourly pay × 2080, daily × 260, weekly × 52, monthly × 12. Amounts are never converted between currencies, '
      + 'so jobs paid in another currency, or with no salary, are left out.',
  })),
  salaryCurrency: Type.Optional(Type.String({
    pattern: '^[A-Za-z]{3}$',
    description: 'Only jobs paid in this currency: an ISO 4217 code such as EUR, in any letter case. Required with salaryMin, which is in this currency',
  })),
  postedWithinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  limit: Type.Optional(LimitQuery),
  cursor: Type.Optional(CursorQuery),
}, { additionalProperties: false });
export type BoardSearchQuery = Static<typeof BoardSearchQuerySchema>;
