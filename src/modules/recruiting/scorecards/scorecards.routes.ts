import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../../http/auth.ts';
import { acceptedVersions, IfMatchHeadersSchema, versionEtag } from '../../../http/preconditions.ts';
import { commonErrorResponses, problemRef } from '../../../http/schemas.ts';
import { CriteriaBodySchema, CriteriaSchema, JobCriteriaParamsSchema } from './criteria.schemas.ts';
import type { CriteriaService } from './criteria.service.ts';
import type { ScorecardReads } from './scorecards.reads.ts';
import {
  ApplicationScorecardsSchema, IdParamsSchema, ScorecardBodySchema, ScorecardSchema, ScorecardSummarySchema, ScorecardWithVersionsSchema,
} from './scorecards.schemas.ts';
import type { ScorecardsService } from './scorecards.service.ts';

// Reading and writing one's own scorecard need only candidates:read: interviewers hold no more, and the service checks they are named on the interview.
const read = { access: { permission: 'candidates:read' } } as const;
const errors = { ...commonErrorResponses, 403: problemRef, 404: problemRef };
const writeErrors = { ...errors, 409: problemRef };

const RULE = 'An interviewer sees other interviewers\' scorecards for an application only once they have submitted their own for it; '
  + 'callers with `candidates:write` over the job (recruiters, its hiring managers, admins, owners) see every submitted one. Drafts are seen by their author only.';

export function scorecardsRoutes(deps: { criteria: CriteriaService; scorecards: ScorecardsService; reads: ScorecardReads }): FastifyPluginAsyncTypebox {
  const { criteria, scorecards, reads } = deps;
  return async (app) => {
    const tags = { tags: ['scorecards'] };
    const writes = 'Only a person named as an interviewer on the interview may write (403 otherwise); a cancelled interview is a 409. '
      + 'Ratings are integers 1–4 on the job\'s criteria (`GET /v1/jobs/{jobId}/scorecard-criteria`), each criterion at most once; errors point at the field. '
      + 'An If-Match naming another revision is a 409 version-conflict.';

    app.get('/v1/jobs/:jobId/scorecard-criteria', {
      config: { access: { permission: 'jobs:read' } },
      schema: { ...tags, summary: 'What the job\'s interviewers rate candidates on', params: JobCriteriaParamsSchema, response: { 200: CriteriaSchema, ...errors } },
    }, async (request) => ({ criteria: await criteria.list(principalOf(request), request.params.jobId) }));

    app.put('/v1/jobs/:jobId/scorecard-criteria', {
      config: { access: { permission: 'jobs:write' } },
      schema: {
        ...tags, summary: 'Replace the job\'s scorecard criteria',
        description: 'The list replaces the old one, in order. Give an existing criterion\'s `id` to keep it (ratings already given still name it); '
          + 'entries without an id are new. At most 30, with distinct names. Submitted scorecards keep the names they were rated under.',
        params: JobCriteriaParamsSchema, body: CriteriaBodySchema, response: { 200: CriteriaSchema, ...errors },
      },
    }, async (request) => ({ criteria: await criteria.replace(principalOf(request), request.params.jobId, request.body.criteria) }));

    app.get('/v1/interviews/:id/scorecard', {
      config: read,
      schema: { ...tags, summary: 'Your scorecard for the interview (draft and latest submitted version)', params: IdParamsSchema, response: { 200: ScorecardSchema, ...errors } },
    }, async (request, reply) => {
      const scorecard = await scorecards.mine(principalOf(request), request.params.id);
      return reply.header('etag', versionEtag(scorecard.revision)).send(scorecard);
    });

    app.put('/v1/interviews/:id/scorecard', {
      config: read,
      schema: {
        ...tags, summary: 'Save your scorecard draft for the interview', params: IdParamsSchema, headers: IfMatchHeadersSchema, body: ScorecardBodySchema,
        response: { 200: ScorecardSchema, ...writeErrors },
        description: `Creates or replaces your draft (private to you until submitted). After a submit, saving starts the next version; the submitted one stays as it is. ${writes}`,
      },
    }, async (request, reply) => {
      const scorecard = await scorecards.saveDraft(principalOf(request), request.params.id, request.body, acceptedVersions(request.headers['if-match']));
      return reply.header('etag', versionEtag(scorecard.revision)).send(scorecard);
    });

    app.post('/v1/interviews/:id/scorecard/submit', {
      config: read,
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        ...tags, summary: 'Submit your scorecard for the interview', params: IdParamsSchema, headers: IfMatchHeadersSchema, body: ScorecardBodySchema,
        response: { 200: ScorecardSchema, ...writeErrors },
        description: 'Submits your draft (send no body, or `{}`), or the scorecard in the body (which replaces the draft), as the next version: final, and kept when you edit again. '
          + `A recommendation is required (400 at \`/recommendation\`); nothing to submit is a 409. ${writes}`,
      },
    }, async (request, reply) => {
      const body = Object.keys(request.body).length > 0 ? request.body : undefined;
      const scorecard = await scorecards.submit(principalOf(request), request.params.id, body, acceptedVersions(request.headers['if-match']));
      return reply.header('etag', versionEtag(scorecard.revision)).send(scorecard);
    });

    app.get('/v1/applications/:id/scorecards', {
      config: read,
      schema: { ...tags, summary: 'The application\'s scorecards you may see', description: RULE, params: IdParamsSchema, response: { 200: ApplicationScorecardsSchema, ...errors } },
    }, async (request) => reads.forApplication(principalOf(request), request.params.id));

    app.get('/v1/applications/:id/scorecards/summary', {
      config: read,
      schema: {
        ...tags, summary: 'The application\'s scorecards summed up: recommendations, mean rating per criterion, who has not submitted',
        description: `Counts only the scorecards you may see. ${RULE}`, params: IdParamsSchema, response: { 200: ScorecardSummarySchema, ...errors },
      },
    }, async (request) => reads.summary(principalOf(request), request.params.id));

    app.get('/v1/scorecards/:id', {
      config: read,
      schema: {
        ...tags, summary: 'A scorecard with every submitted version', params: IdParamsSchema, response: { 200: ScorecardWithVersionsSchema, ...errors },
        description: `${RULE} A scorecard hidden by that rule is a 403; someone else's that was never submitted is a 404.`,
      },
    }, async (request, reply) => {
      const scorecard = await reads.get(principalOf(request), request.params.id);
      return reply.header('etag', versionEtag(scorecard.revision)).send(scorecard);
    });
  };
}
