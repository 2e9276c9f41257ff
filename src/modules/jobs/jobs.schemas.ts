import { Type, type Static } from 'typebox';
import { CursorQuery, LimitQuery, Nullable } from '../../http/schemas.ts';
import { EmploymentTypeSchema, SalarySchema, SkillSchema, WorkplaceSchema } from '../jd/index.ts';
import { anyCase } from '../../http/enum-case.ts';

export const JobStatusSchema = Type.Union(
  [Type.Literal('draft'), Type.Literal('published'), Type.Literal('closed'), Type.Literal('archived')],
  { description: 'Lifecycle: draft → published ⇄ closed → archived; changed only through the action routes' },
);
export type JobStatus = Static<typeof JobStatusSchema>;

const Title = Type.String({ minLength: 1, maxLength: 200 });
const Description = Type.String({ maxLength: 100_000, description: 'Markdown' });
const Department = Type.String({ minLength: 1, maxLength: 120 });
const Locations = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 });
const Skills = Type.Array(SkillSchema, { maxItems: 200 });
const ExperienceYears = Type.Integer({ minimum: 0, maximum: 60 });
const ValidThrough = Type.String({ format: 'date-time', description: 'After this instant the job closes and leaves the board' });
const Openings = Type.Integer({ minimum: 1, maximum: 10_000, description: 'How many people the job hires (default 1); each accepted offer fills one' });
const CloseWhenFilled = Type.Boolean({ description: 'Whether filling the last opening closes a published job (default true)' });

export const JobSchema = Type.Object({
  id: Type.String({ examples: ['job_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  title: Type.String(),
  description: Type.String(),
  department: Nullable(Type.String()),
  locations: Type.Array(Type.String()),
  workplace: Nullable(WorkplaceSchema),
  employmentType: Nullable(EmploymentTypeSchema),
  salary: Nullable(SalarySchema),
  experienceYearsMin: Nullable(Type.Integer()),
  skills: Type.Array(SkillSchema),
  validThrough: Nullable(Type.String({ format: 'date-time' })),
  status: JobStatusSchema,
  publishedAt: Nullable(Type.String({ format: 'date-time' })),
  closedAt: Nullable(Type.String({ format: 'date-time' })),
  openings: Type.Integer({ minimum: 1 }),
  openingsFilled: Type.Integer({ minimum: 0, description: 'Read-only: how many openings accepted offers have filled' }),
  closeWhenFilled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer({ description: 'Increments on every change; the ETag is the strong tag "<version>", e.g. "3"' }),
}, { $id: 'Job' });
export type Job = Static<typeof JobSchema>;

export const CreateJobBodySchema = Type.Object({
  title: Title,
  description: Type.Optional(Description),
  department: Type.Optional(Nullable(Department)),
  locations: Type.Optional(Locations),
  workplace: Type.Optional(Nullable(WorkplaceSchema)),
  employmentType: Type.Optional(Nullable(EmploymentTypeSchema)),
  salary: Type.Optional(Nullable(SalarySchema)),
  experienceYearsMin: Type.Optional(Nullable(ExperienceYears)),
  skills: Type.Optional(Skills),
  validThrough: Type.Optional(Nullable(ValidThrough)),
  openings: Type.Optional(Openings),
  closeWhenFilled: Type.Optional(CloseWhenFilled),
}, { additionalProperties: false });
export type CreateJobInput = Static<typeof CreateJobBodySchema>;

export const UpdateJobBodySchema = Type.Object({
  title: Type.Optional(Title),
  description: Type.Optional(Description),
  department: Type.Optional(Nullable(Department)),
  locations: Type.Optional(Locations),
  workplace: Type.Optional(Nullable(WorkplaceSchema)),
  employmentType: Type.Optional(Nullable(EmploymentTypeSchema)),
  salary: Type.Optional(Nullable(SalarySchema)),
  experienceYearsMin: Type.Optional(Nullable(ExperienceYears)),
  skills: Type.Optional(Skills),
  validThrough: Type.Optional(Nullable(ValidThrough)),
  openings: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'How many people the job hires; not below openingsFilled' })),
  closeWhenFilled: Type.Optional(CloseWhenFilled),
}, { additionalProperties: false, minProperties: 1 });
export type UpdateJobInput = Static<typeof UpdateJobBodySchema>;

export const jobSorts = ['-createdAt', 'createdAt', '-updatedAt', 'updatedAt', 'title', '-title'] as const;
export type JobSort = (typeof jobSorts)[number];
export const defaultJobSort: JobSort = '-createdAt';

export const ListJobsQuerySchema = Type.Object({
  status: Type.Optional(anyCase(JobStatusSchema)),
  department: Type.Optional(Department),
  workplace: Type.Optional(anyCase(WorkplaceSchema)),
  employmentType: Type.Optional(anyCase(EmploymentTypeSchema)),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Case-insensitive match on the title' })),
  sort: Type.Optional(anyCase(Type.Enum(jobSorts, { default: '-createdAt', description: 'Field to sort by; a leading - sorts descending' }))),
  limit: Type.Optional(LimitQuery),
  cursor: Type.Optional(CursorQuery),
}, { additionalProperties: false });
export type ListJobsQuery = Static<typeof ListJobsQuerySchema>;

/** Where a page of a job listing ends: the last job's sort value (a title, or an ISO timestamp) and id. */
export interface JobListPosition {
  value: string;
  id: string;
}
/** A listing query as the service takes it: the page starts after `after`. */
export type JobListQuery = Omit<ListJobsQuery, 'cursor'> & { after?: JobListPosition };

export const JobIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const ImportJobBodySchema = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 500_000, description: 'Raw job-description text (plain, Markdown or HTML)' }),
}, { additionalProperties: false });
export const ImportJobPlainBodySchema = Type.String({ minLength: 1, maxLength: 500_000, description: 'The raw job-description text itself, UTF-8' });

export const TeamMemberSchema = Type.Object({
  userId: Type.String(),
  addedAt: Type.String({ format: 'date-time' }),
}, { $id: 'JobTeamMember' });
export type TeamMember = Static<typeof TeamMemberSchema>;

export const TeamMemberParamsSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  userId: Type.String({ minLength: 1, maxLength: 64 }),
});
