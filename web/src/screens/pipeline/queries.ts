import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { dataOf } from '../../api/problems.ts';

/** How many cards a column shows; the stage's count says how many there are in all. */
export const cardsPerColumn = 50;

export const pipelineQuery = (jobId: string) => queryOptions({
  queryKey: ['pipeline', jobId],
  queryFn: async () => dataOf(await api.GET('/v1/jobs/{jobId}/pipeline', { params: { path: { jobId } } })),
});

export const stageApplicationsQuery = (jobId: string, stageId: string) => queryOptions({
  queryKey: ['pipeline', jobId, 'stage', stageId],
  queryFn: async () => dataOf(await api.GET('/v1/jobs/{jobId}/pipeline/stages/{stageId}/applications', {
    params: { path: { jobId, stageId }, query: { status: 'active', sort: 'applied', limit: cardsPerColumn } },
  })),
});

export const jobQuery = (jobId: string) => queryOptions({
  queryKey: ['job', jobId],
  queryFn: async () => dataOf(await api.GET('/v1/jobs/{id}', { params: { path: { id: jobId } } })),
});

export const rejectionReasonsQuery = queryOptions({
  queryKey: ['rejection-reasons'],
  queryFn: async () => dataOf(await api.GET('/v1/rejection-reasons')),
  staleTime: 5 * 60_000,
});
