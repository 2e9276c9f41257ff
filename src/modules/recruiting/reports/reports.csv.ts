import { stringify } from 'csv-stringify/sync';
import type { PipelineReport, SourcesReport, TimeToHireReport } from './reports.schemas.ts';

type Cell = string | number | null;

/**
 * A text cell a spreadsheet would run as a formula (job titles and sources are anyone's text) gets a
 * leading apostrophe, as OWASP advises for CSV injection; empty for null.
 */
const cell = (value: Cell): string | number => {
  if (value === null) return '';
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return value;
};

/** A CSV table with a header row, CRLF line ends (as spreadsheets expect), formula-looking cells defused. */
export const csvTable = (columns: readonly string[], rows: readonly (readonly Cell[])[]): string =>
  stringify(rows.map((row) => row.map(cell)), { header: true, columns: [...columns], record_delimiter: 'windows' });

export const pipelineCsv = (report: PipelineReport): string => csvTable(
  ['jobId', 'title', 'position', 'stageId', 'stage', 'kind', 'entered', 'movedOn', 'conversion', 'inStageNow', 'medianDaysInStage'],
  report.stages.map((s) => [report.jobId, report.title, s.position, s.stageId, s.name, s.kind, s.entered, s.movedOn, s.conversion, s.inStageNow, s.medianDaysInStage]),
);

/** One table: the overall row first, then each job, then each department (the `level` column says which). */
export const timeToHireCsv = (report: TimeToHireReport): string => csvTable(
  ['level', 'jobId', 'title', 'department', 'hires', 'medianDays', 'p90Days'],
  [
    ['overall', null, null, null, report.overall.hires, report.overall.medianDays, report.overall.p90Days],
    ...report.byJob.map((j) => ['job', j.jobId, j.title, j.department, j.hires, j.medianDays, j.p90Days] as const),
    ...report.byDepartment.map((d) => ['department', null, null, d.department, d.hires, d.medianDays, d.p90Days] as const),
  ],
);

export const sourcesCsv = (report: SourcesReport): string => csvTable(
  ['source', 'applications', 'interviewed', 'hires', 'interviewRate', 'hireRate'],
  report.sources.map((s) => [s.source, s.applications, s.interviewed, s.hires, s.interviewRate, s.hireRate]),
);
