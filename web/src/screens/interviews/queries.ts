import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { dataOf } from '../../api/problems.ts';
import type { Got } from '../../api/types.ts';

export type Interview = Got<'/v1/interviews/{id}'>;
export type InterviewKind = Interview['kind'];
export type SchedulingLink = Got<'/v1/applications/{id}/scheduling-links'>['data'][number];
export type Criterion = Got<'/v1/jobs/{jobId}/scorecard-criteria'>['criteria'][number];
export type Scorecard = Got<'/v1/interviews/{id}/scorecard'>;
export type Recommendation = NonNullable<Scorecard['submitted']>['recommendation'];
export type ScorecardSummary = Got<'/v1/applications/{id}/scorecards/summary'>;
export type TeamMember = Got<'/v1/jobs/{id}/team'>['data'][number];

export const interviewKinds: readonly { value: InterviewKind; label: string }[] = [
  { value: 'video', label: 'Video call' }, { value: 'phone', label: 'Phone' }, { value: 'onsite', label: 'On site' },
];
export const kindLabel = (kind: InterviewKind): string => interviewKinds.find((k) => k.value === kind)?.label ?? kind;

export const applicationInterviewsQuery = (applicationId: string) => queryOptions({
  queryKey: ['application', applicationId, 'interviews'],
  queryFn: async () => dataOf(await api.GET('/v1/applications/{id}/interviews', { params: { path: { id: applicationId } } })),
});

export const schedulingLinksQuery = (applicationId: string) => queryOptions({
  queryKey: ['application', applicationId, 'scheduling-links'],
  queryFn: async () => dataOf(await api.GET('/v1/applications/{id}/scheduling-links', { params: { path: { id: applicationId } } })),
});

export const scorecardSummaryQuery = (applicationId: string) => queryOptions({
  queryKey: ['application', applicationId, 'scorecards', 'summary'],
  queryFn: async () => dataOf(await api.GET('/v1/applications/{id}/scorecards/summary', { params: { path: { id: applicationId } } })),
});

export const interviewQuery = (interviewId: string) => queryOptions({
  queryKey: ['interview', interviewId],
  queryFn: async () => dataOf(await api.GET('/v1/interviews/{id}', { params: { path: { id: interviewId } } })),
});

/** The caller's scorecard for the interview; null until they first save one (the API answers 404 then). */
export const scorecardQuery = (interviewId: string) => queryOptions({
  queryKey: ['interview', interviewId, 'scorecard'],
  queryFn: async (): Promise<Scorecard | null> => {
    const result = await api.GET('/v1/interviews/{id}/scorecard', { params: { path: { id: interviewId } } });
    return result.response.status === 404 ? null : dataOf(result);
  },
});

export const criteriaQuery = (jobId: string) => queryOptions({
  queryKey: ['job', jobId, 'scorecard-criteria'],
  queryFn: async () => dataOf(await api.GET('/v1/jobs/{jobId}/scorecard-criteria', { params: { path: { jobId } } })),
});

export const teamQuery = (jobId: string) => queryOptions({
  queryKey: ['job', jobId, 'team'],
  queryFn: async () => dataOf(await api.GET('/v1/jobs/{id}/team', { params: { path: { id: jobId } } })),
});

export const membersQuery = queryOptions({
  queryKey: ['members'],
  queryFn: async () => dataOf(await api.GET('/v1/members')),
  staleTime: 5 * 60_000,
});
