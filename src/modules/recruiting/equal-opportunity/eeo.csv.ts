import { csvTable } from '../reports/index.ts';
import type { EeoReport } from './eeo.schemas.ts';

/** One row per question and choice; a suppressed count reads as the report's words, never a number. */
export const eeoCsv = (report: EeoReport): string => csvTable(
  ['jobId', 'title', 'questionId', 'question', 'choice', 'count'],
  report.questions.flatMap((q) => q.choices.map((c) => [report.jobId, report.title, q.questionId, q.label, c.choice, c.count] as const)),
);
