import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { prefersOverJson } from '../../../http/accept.ts';
import { principalOf } from '../../../http/auth.ts';
import { commonErrorResponses, problemRef } from '../../../http/schemas.ts';
import { personal } from './pages.ts';
import { sendStatusHtml } from './status.html.routes.ts';
import {
  StatusApplicationParamsSchema, StatusApplicationSchema, StatusErasureAnswerSchema, StatusErasureBodySchema, StatusInterviewParamsSchema, StatusLinkSchema,
  StatusOfferAnswerSchema, StatusOfferBodySchema, StatusOfferParamsSchema, StatusPageSchema, StatusTokenParamsSchema,
} from './status.schemas.ts';
import type { StatusService } from './status.service.ts';

const write = { access: { permission: 'candidates:write' } } as const;
const open = { access: { public: true } } as const;
const errors = { ...commonErrorResponses, 403: problemRef, 404: problemRef };
const publicErrors = { ...commonErrorResponses, 404: problemRef };
const CandidateParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const tokenNote = 'The token in the URL is the credential. An unknown, altered, expired or revoked token, a token of any other kind, '
  + 'or one of an erased candidate is a 404 that says nothing more.';

export function statusRoutes(service: StatusService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const recruiter = { tags: ['candidates'] };
    const candidate = { tags: ['status page'] };

    app.post('/v1/candidates/:id/status-link', {
      config: write,
      schema: {
        ...recruiter, summary: 'A new status-page link for the candidate', params: CandidateParams, response: { 201: StatusLinkSchema, ...errors },
        description: 'A secret link (valid 14 days) to a page where the candidate sees their applications here with each stage\'s candidate-facing name, '
          + 'their upcoming interviews (with .ics files), can withdraw an application and can ask to have their data erased. '
          + 'Hireline also emails it to the candidate\'s first address (the status-link template). Issuing a new link revokes the one before. '
          + 'Needs candidates:write over the whole organization (never a hiring manager).',
      },
    }, async (request, reply) => reply.code(201).header('cache-control', 'no-store').send(await service.issueLink(principalOf(request), request.params.id)));

    app.delete('/v1/candidates/:id/status-link', {
      config: write,
      schema: { ...recruiter, summary: 'Revoke the candidate\'s status-page link', params: CandidateParams, response: { 204: Type.Null(), ...errors } },
    }, async (request, reply) => {
      await service.revokeLink(principalOf(request), request.params.id);
      return reply.code(204).send(null);
    });

    app.get('/v1/status/:token', {
      config: open,
      schema: {
        ...candidate, summary: 'A candidate\'s status page', params: StatusTokenParamsSchema,
        description: `Their applications in this organization, upcoming interviews, offers awaiting their answer and their erasure request. ${tokenNote} `
          + 'Send `Accept: text/html` for the page as HTML (also at GET /status/{token}).',
        response: { 200: { description: 'The page', content: { 'application/json': { schema: StatusPageSchema }, 'text/html': { schema: Type.String() } } }, ...publicErrors },
      },
    }, async (request, reply) => {
      personal(reply).header('vary', 'Accept');
      if (prefersOverJson(request, 'text/html')) return sendStatusHtml(service, request, reply, request.params.token);
      return reply.send(await service.read(request.params.token));
    });

    app.post('/v1/status/:token/applications/:applicationId/withdraw', {
      config: open,
      schema: {
        ...candidate, summary: 'Withdraw one of your applications', params: StatusApplicationParamsSchema, response: { 200: StatusApplicationSchema, ...publicErrors, 409: problemRef },
        description: `An application that is no longer open is a 409; one that is not yours is a 404. ${tokenNote}`,
      },
    }, async (request, reply) => personal(reply).send(await service.withdraw(request.params.token, request.params.applicationId)));

    for (const response of ['accept', 'decline'] as const) {
      app.post(`/v1/status/:token/offers/:offerId/${response}`, {
        config: open,
        preValidation: async (request) => {
          request.body ??= {};
        },
        schema: {
          ...candidate, summary: response === 'accept' ? 'Accept an offer made to you' : 'Decline an offer made to you',
          params: StatusOfferParamsSchema, body: StatusOfferBodySchema, response: { 200: StatusOfferAnswerSchema, ...publicErrors, 409: problemRef },
          description: `${response === 'accept' ? 'Accepting is your hire for that job. ' : ''}Only a sent offer awaiting your answer can be answered (else 409); `
            + `an offer made to anyone else is a 404. ${tokenNote}`,
        },
      }, async (request, reply) => personal(reply).send(await service.answerOffer(request.params.token, request.params.offerId, response, request.body.note ?? null)));
    }

    app.get('/v1/status/:token/interviews/:interviewId/invite.ics', {
      config: open,
      schema: {
        ...candidate, summary: 'One of your interviews as an iCalendar file', params: StatusInterviewParamsSchema, produces: ['text/calendar'],
        response: { 200: { description: 'RFC 5545, METHOD:PUBLISH, the same UID as the team\'s invite', content: { 'text/calendar': { schema: Type.String() } } }, ...publicErrors },
      },
    }, async (request, reply) => {
      const ics = await service.invite(request.params.token, request.params.interviewId);
      return personal(reply).type('text/calendar; charset=utf-8').header('content-disposition', 'attachment; filename="interview.ics"').send(ics);
    });

    app.post('/v1/status/:token/erasure-request', {
      config: open,
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        ...candidate, summary: 'Ask the organization to erase your data', params: StatusTokenParamsSchema, body: StatusErasureBodySchema,
        response: { 202: StatusErasureAnswerSchema, 200: StatusErasureAnswerSchema, ...publicErrors },
        description: 'Records your request for a recruiter to confirm (202). Asking again while one is pending answers that one (200). '
          + `Once you are erased, this link stops working. ${tokenNote}`,
      },
    }, async (request, reply) => {
      const answer = await service.requestErasure(request.params.token, request.body.reason ?? null);
      return personal(reply).code(answer.created ? 202 : 200).send(answer);
    });
  };
}
