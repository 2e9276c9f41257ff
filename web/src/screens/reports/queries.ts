import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { dataOf } from '../../api/problems.ts';

/** Applications applied in [appliedAfter, appliedBefore), as the API takes them; either end open. */
export interface Period {
  appliedAfter?: string;
  appliedBefore?: string;
}

/** The jobs to choose a funnel from: the 100 newest, of every status (a closed job's funnel is worth reading too). */
export const reportJobsQuery = queryOptions({
  queryKey: ['jobs', 'for-reports'],
  queryFn: async () => dataOf(await api.GET('/v1/jobs', { params: { query: { limit: 100, sort: '-createdAt' } } })),
});

/** The reports answer CSV too; the console asks for JSON and refuses anything else rather than misread it. */
function json<T>(data: T | string): T {
  if (typeof data === 'string') throw new Error('The report came as text, not JSON');
  return data;
}
const accept = { accept: 'application/json' };

export const pipelineReportQuery = (jobId: string) => queryOptions({
  queryKey: ['reports', 'pipeline', jobId],
  queryFn: async () => json(dataOf(await api.GET('/v1/reports/pipeline', { params: { query: { jobId } }, headers: accept }))),
});

export const timeToHireQuery = (period: Period) => queryOptions({
  queryKey: ['reports', 'time-to-hire', period],
  queryFn: async () => json(dataOf(await api.GET('/v1/reports/time-to-hire', { params: { query: period }, headers: accept }))),
});

export const sourcesQuery = (period: Period) => queryOptions({
  queryKey: ['reports', 'sources', period],
  queryFn: async () => json(dataOf(await api.GET('/v1/reports/sources', { params: { query: period }, headers: accept }))),
});
