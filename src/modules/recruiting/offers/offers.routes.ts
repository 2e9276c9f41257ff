import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../../http/auth.ts';
import { acceptedVersions, IfMatchHeadersSchema, versionEtag } from '../../../http/preconditions.ts';
import { commonErrorResponses, problemRef } from '../../../http/schemas.ts';
import type { OfferSettingsService } from './offer-settings.service.ts';
import type { OfferResponses } from './offers.responses.ts';
import {
  ChangeOfferBodySchema, DraftOfferBodySchema, IdParamsSchema, NoteBodySchema, OfferSchema, OfferSettingsBodySchema, OfferSettingsSchema, OfferTermsSchema, type Offer,
} from './offers.schemas.ts';
import type { OffersService } from './offers.service.ts';

const read = { access: { permission: 'candidates:read' } } as const;
const write = { access: { permission: 'candidates:write' } } as const;
const errors = { ...commonErrorResponses, 403: problemRef, 404: problemRef };
const writeErrors = { ...errors, 409: problemRef };
const readers = 'Offers are read by callers with candidates:write on the job, and by the approvers each names; others see none (404).';
const conflicts = 'An offer in a state the action does not apply to is a 409 invalid-state-transition; an If-Match naming another version is a 409 version-conflict.';

export function offersRoutes(service: OffersService, responses: OfferResponses, settings: OfferSettingsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = { tags: ['offers'] };

    app.post('/v1/applications/:id/offers', {
      config: write,
      schema: {
        ...tags, summary: 'Draft an offer for an application', params: IdParamsSchema, body: DraftOfferBodySchema, response: { 201: OfferSchema, ...writeErrors },
        description: 'Only an active application gets an offer, and one at a time: another under way (draft to sent) is a 409 conflict naming it. '
          + 'Approvers are members who can see the job; `salary.currency` is an ISO 4217 code.',
      },
    }, async (request, reply) => {
      const offer = await service.draft(principalOf(request), request.params.id, request.body);
      return reply.code(201).header('location', `/v1/offers/${offer.id}`).header('etag', versionEtag(offer.version)).send(offer);
    });

    app.get('/v1/applications/:id/offers', {
      config: read,
      schema: { ...tags, summary: 'An application\'s offers, oldest first', description: readers, params: IdParamsSchema, response: { 200: Type.Object({ data: Type.Array(OfferSchema) }), ...errors } },
    }, async (request) => ({ data: await service.forApplication(principalOf(request), request.params.id) }));

    app.get('/v1/offers/:id', {
      config: read,
      schema: { ...tags, summary: 'Get an offer with its current terms and approvals', description: readers, params: IdParamsSchema, response: { 200: OfferSchema, ...errors } },
    }, async (request, reply) => {
      const offer = await service.get(principalOf(request), request.params.id);
      return reply.header('etag', versionEtag(offer.version)).send(offer);
    });

    app.get('/v1/offers/:id/versions', {
      config: read,
      schema: { ...tags, summary: 'Every version of an offer\'s terms, oldest first', description: readers, params: IdParamsSchema, response: { 200: Type.Object({ data: Type.Array(OfferTermsSchema) }), ...errors } },
    }, async (request) => ({ data: await service.versions(principalOf(request), request.params.id) }));

    app.patch('/v1/offers/:id', {
      config: write,
      schema: {
        ...tags, summary: 'Change an offer\'s terms or approvers', params: IdParamsSchema, headers: IfMatchHeadersSchema, body: ChangeOfferBodySchema,
        response: { 200: OfferSchema, ...writeErrors },
        description: 'Different terms become a new version (the earlier ones stay readable under /versions). Any change sends the offer back to draft, '
          + `and its approvals start over. A change that changes nothing leaves it as it is. Not once accepted, declined or withdrawn. ${conflicts}`,
      },
    }, async (request, reply) => {
      const offer = await service.change(principalOf(request), request.params.id, request.body, acceptedVersions(request.headers['if-match']));
      return reply.header('etag', versionEtag(offer.version)).send(offer);
    });

    type Act = (request: { params: { id: string }; body: { note?: string }; headers: { 'if-match'?: string } }, principal: ReturnType<typeof principalOf>) => Promise<Offer>;
    const action = (name: string, summary: string, description: string, act: Act, permission: 'candidates:read' | 'candidates:write' = 'candidates:write') => {
      app.post(`/v1/offers/:id/${name}`, {
        config: { access: { permission } },
        // A body-less POST means the same as an empty object.
        preValidation: async (request) => {
          request.body ??= {};
        },
        schema: { ...tags, summary, description, params: IdParamsSchema, headers: IfMatchHeadersSchema, body: NoteBodySchema, response: { 200: OfferSchema, ...writeErrors } },
      }, async (request, reply) => {
        const offer = await act(request, principalOf(request));
        return reply.header('etag', versionEtag(offer.version)).send(offer);
      });
    };
    const versions = (request: { headers: { 'if-match'?: string } }) => acceptedVersions(request.headers['if-match']);
    const note = (request: { body: { note?: string } }) => request.body.note ?? null;

    action('submit', 'Submit an offer for approval',
      `Asks its approvers in the org's approval mode (GET /v1/offer-settings); an offer that names none is approved at once. From draft only. ${conflicts}`,
      (r, p) => service.submit(p, r.params.id, versions(r)));
    action('approve', 'Approve an offer (a named approver)',
      'Only an approver the offer names may approve (403 not-an-approver); in a sequential approval only the next in order (409 approval-out-of-turn). '
        + 'Once every approver has approved, the offer is approved. `note` is kept with the decision.',
      (r, p) => service.approve(p, r.params.id, note(r)), 'candidates:read');
    action('reject', 'Reject an offer (a named approver)',
      'Sends the offer back to draft with the approver\'s `note`; the next submission asks every approver again. The same approver rules as approving.',
      (r, p) => service.reject(p, r.params.id, note(r)), 'candidates:read');
    action('send', 'Record that the approved offer was sent to the candidate', `From approved only. ${conflicts}`, (r, p) => service.send(p, r.params.id, versions(r)));
    action('accept', 'Record that the candidate accepted the offer',
      'From sent only. Hires: the application moves to its job\'s hired stage, one opening of the job is filled and, when that was the last one and the job '
        + `says closeWhenFilled, the job closes. The candidate's other applications stay as they are. ${conflicts}`,
      (r, p) => responses.respond(p, r.params.id, 'accept', note(r), versions(r)));
    action('decline', 'Record that the candidate declined the offer', `From sent only; \`note\` says why. ${conflicts}`,
      (r, p) => responses.respond(p, r.params.id, 'decline', note(r), versions(r)));
    action('withdraw', 'Withdraw an offer the candidate has not answered', `\`note\` says why. ${conflicts}`, (r, p) => service.withdraw(p, r.params.id, note(r), versions(r)));

    app.get('/v1/offer-settings', {
      config: read,
      schema: { ...tags, summary: 'How the organization approves offers', response: { 200: OfferSettingsSchema, ...errors } },
    }, async (request) => settings.get(principalOf(request)));

    app.put('/v1/offer-settings', {
      config: { access: { permission: 'org:manage' } },
      schema: {
        ...tags, summary: 'Choose how the organization approves offers', body: OfferSettingsBodySchema, response: { 200: OfferSettingsSchema, ...errors },
        description: 'Applies to offers submitted from now on; an approval under way keeps the mode it was submitted with.',
      },
    }, async (request) => settings.put(principalOf(request), request.body.approvalMode));
  };
}
