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

/** The JSON body a POST to `path` sends. */
export type PostBody<P extends keyof paths> = paths[P] extends { post: { requestBody?: { content: { 'application/json': infer T } } } } ? T : never;
/** The JSON body of a POST's `status` answer. */
export type Posted<P extends keyof paths, S extends number> = paths[P] extends { post: { responses: { [K in S]: { content: { 'application/json': infer T } } } } } ? T : never;

export type ParsedPosting = Posted<'/v1/job-descriptions/parse', 200>;
export type NewJob = PostBody<'/v1/jobs'>;
export type JobChanges = NonNullable<paths['/v1/jobs/{id}']['patch']['requestBody']>['content']['application/json'];
export type Member = Got<'/v1/members'>['data'][number];
export type Invitation = Got<'/v1/invitations'>['data'][number];
export type CreatedInvitation = Posted<'/v1/invitations', 201>;
export type Branding = Got<'/v1/org/branding'>;
