import type { paths } from '../../generated/openapi';

/** The JSON body of a 200 answer from GET `path`. */
export type Got<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer T } } } } } ? T : never;

export type JobSummary = Got<'/v1/jobs'>['data'][number];
export type Job = Got<'/v1/jobs/{id}'>;
export type PipelineStage = Got<'/v1/jobs/{jobId}/pipeline'>['stages'][number];
export type StageApplication = Got<'/v1/jobs/{jobId}/pipeline/stages/{stageId}/applications'>['data'][number];
export type StageApplicationsPage = Got<'/v1/jobs/{jobId}/pipeline/stages/{stageId}/applications'>;
export type Candidate = Got<'/v1/candidates/{id}'>;
export type HistoryEntry = Got<'/v1/applications/{id}/history'>['data'][number];
export type Note = Got<'/v1/candidates/{id}/notes'>['data'][number];
export type RejectionReason = Got<'/v1/rejection-reasons'>['data'][number];
