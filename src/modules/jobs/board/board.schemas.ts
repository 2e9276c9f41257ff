import { Type, type Static } from 'typebox';
import { CursorQuery, LimitQuery } from '../../../http/schemas.ts';
import { EmploymentTypeSchema, WorkplaceSchema } from '../../jd/index.ts';
import { anyCase } from '../../../http/enum-case.ts';
import { JobSchema, type Job } from '../jobs.schemas.ts';
import { OrgSlugSchema } from '../../orgs/index.ts';

// The public fields are the private job's own schemas, so the two can never drift apart.
const job = JobSchema.properties;
const boardJobFields = {
  id: job.id, title: job.title, department: job.department, locations: job.locations, workplace: job.workplace,
  employmentType: job.employmentType, salary: job.salary, experienceYearsMin: job.experienceYearsMin, skills: job.skills,
  validThrough: job.validThrough,
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

/** A voluntary equal-opportunity question of the org: a careers page offers it apart from the form (answers go to `equalOpportunity[<id>]`). */
export const BoardEeoQuestionSchema = Type.Object({
  id: Type.String(),
  label: Type.String(),
  choices: Type.Array(Type.String(), { description: 'One may be chosen; "Prefer not to say" is always among them' }),
  voluntary: Type.Literal(true, { description: 'Always true: applying never needs an answer, and the hiring team never sees one (only counts)' }),
});

export const BoardJobSchema = Type.Object({
  ...boardJobFields,
  description: Type.String({ description: 'Markdown' }),
  questions: Type.Array(BoardQuestionSchema, { description: 'The application form\'s questions, in order' }),
  equalOpportunity: Type.Array(BoardEeoQuestionSchema, { description: 'The organization\'s voluntary equal-opportunity questions, in order; often empty' }),
  hiringOrganization: Type.Object({ name: Type.String(), slug: Type.String() }),
  jsonLd: Type.Record(Type.String(), Type.Unknown(), { description: 'schema.org JobPosting, for a <script type="application/ld+json"> tag' }),
}, { $id: 'BoardJob' });

export type BoardJobSummary = Static<typeof BoardJobSummarySchema>;

const FacetValuesSchema = (what: string) => Type.Array(
  Type.Object({ value: Type.String(), count: Type.Integer({ minimum: 1 }) }),
  { description: `Open jobs per ${what} among the counted matches, most first (up to 20 values)` },
);
export const BoardFacetsSchema = Type.Object({
  counted: Type.Integer({ minimum: 0, description: 'How many matching jobs were counted: the newest 1,000, or every match when `complete`' }),
  complete: Type.Boolean({ description: 'True when every matching job was counted (1,000 or fewer matches)' }),
  location: FacetValuesSchema('location term (a city, region or country, lower case: usable as the `location` filter)'),
  workplace: FacetValuesSchema('workplace'),
  employmentType: FacetValuesSchema('employment type'),
  department: FacetValuesSchema('department'),
}, { $id: 'BoardFacets', description: 'How many open jobs match the search (words and filters) per facet value; on the first page of a search asking for `facets=true`' });
export type BoardFacets = Static<typeof BoardFacetsSchema>;

export const BoardSearchPageSchema = Type.Object({
  data: Type.Array(BoardJobSummarySchema),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Opaque; pass as `cursor` for the next page' }),
  facets: Type.Optional(BoardFacetsSchema),
});
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
  facets: Type.Optional(Type.Boolean({
    description: 'Also count the matching open jobs per location, workplace, employment type and department (`facets` in the answer, first page only)',
  })),
  limit: Type.Optional(LimitQuery),
  cursor: Type.Optional(CursorQuery),
}, { additionalProperties: false });
export type BoardSearchQuery = Static<typeof BoardSearchQuerySchema>;
