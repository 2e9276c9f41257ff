import { Type, type Static } from 'typebox';
import { Nullable } from '../../../http/schemas.ts';
import { stageKinds } from '../pipelines/index.ts';

const Days = (description: string) => Nullable(Type.Number({ minimum: 0, description: `${description}, in days (two decimals); null when there is nothing to measure` }));
const Rate = (description: string) => Nullable(Type.Number({ minimum: 0, maximum: 1, description: `${description} (four decimals); null when the count it divides by is 0` }));

export const ReportScopeSchema = Type.Union([Type.Literal('organization'), Type.Literal('assigned-jobs')], {
  description: 'organization: every job of the org; assigned-jobs: only the jobs whose hiring team the caller is on (hiring managers, interviewers)',
});
export type ReportScope = Static<typeof ReportScopeSchema>;

export const PipelineReportQuerySchema = Type.Object({
  jobId: Type.String({ minLength: 1, maxLength: 64, description: 'The job whose pipeline is reported' }),
}, { additionalProperties: false });

export const PeriodQuerySchema = Type.Object({
  appliedAfter: Type.Optional(Type.String({ format: 'date-time', description: 'Only applications made at or after this instant' })),
  appliedBefore: Type.Optional(Type.String({ format: 'date-time', description: 'Only applications made before this instant' })),
}, { additionalProperties: false });
export type PeriodQuery = Static<typeof PeriodQuerySchema>;

export const StageReportSchema = Type.Object({
  stageId: Type.String(),
  name: Type.String(),
  kind: Type.Enum(stageKinds),
  position: Type.Integer(),
  entered: Type.Integer({ minimum: 0, description: 'Applications that entered the stage (each counted once, however often it came back)' }),
  movedOn: Type.Integer({ minimum: 0, description: 'Of those, applications that left it for a later stage or were hired from it' }),
  conversion: Rate('movedOn / entered; null also for hired and rejected stages, which nothing moves on from'),
  inStageNow: Type.Integer({ minimum: 0, description: 'Applications whose stay in the stage has not ended (active there, or hired for a hired stage)' }),
  medianDaysInStage: Days('Median of the stays that ended (a move, a hire, a rejection or a withdrawal ends a stay; stays still going are left out); null for hired and rejected stages'),
});

export const PipelineReportSchema = Type.Object({
  jobId: Type.String(),
  title: Type.String(),
  stages: Type.Array(StageReportSchema, { description: 'The job\'s stages in pipeline order' }),
});
export type PipelineReport = Static<typeof PipelineReportSchema>;

const HireTimes = {
  hires: Type.Integer({ minimum: 0, description: 'Applications hired (and still hired) among those applied in the period' }),
  medianDays: Days('Median time from applying to being hired'),
  p90Days: Days('90th percentile of the time from applying to being hired'),
};

export const TimeToHireReportSchema = Type.Object({
  scope: ReportScopeSchema,
  appliedAfter: Nullable(Type.String({ format: 'date-time' })),
  appliedBefore: Nullable(Type.String({ format: 'date-time' })),
  overall: Type.Object(HireTimes),
  byJob: Type.Array(Type.Object({ jobId: Type.String(), title: Type.String(), department: Nullable(Type.String()), ...HireTimes }), {
    description: 'Jobs with at least one hire, most hires first',
  }),
  byDepartment: Type.Array(Type.Object({ department: Nullable(Type.String({ description: 'Null for jobs without a department' })), ...HireTimes }), {
    description: 'Departments (compared ignoring case) with at least one hire, most hires first',
  }),
});
export type TimeToHireReport = Static<typeof TimeToHireReportSchema>;
export type HireTimes = TimeToHireReport['overall'];

export const SourceReportSchema = Type.Object({
  source: Type.String({ description: 'The application\'s source (board, referral, manual, import, ...)' }),
  applications: Type.Integer({ minimum: 0 }),
  interviewed: Type.Integer({ minimum: 0, description: 'Applications that ever reached a stage of kind interview' }),
  hires: Type.Integer({ minimum: 0, description: 'Applications hired (and still hired)' }),
  interviewRate: Rate('interviewed / applications'),
  hireRate: Rate('hires / applications'),
});

export const SourcesReportSchema = Type.Object({
  scope: ReportScopeSchema,
  appliedAfter: Nullable(Type.String({ format: 'date-time' })),
  appliedBefore: Nullable(Type.String({ format: 'date-time' })),
  sources: Type.Array(SourceReportSchema, { description: 'Most applications first' }),
});
export type SourcesReport = Static<typeof SourcesReportSchema>;
