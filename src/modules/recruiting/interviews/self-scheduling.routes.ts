import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../../http/auth.ts';
import { commonErrorResponses, problemRef } from '../../../http/schemas.ts';
import type { AvailabilityService } from './availability.service.ts';
import type { BookingService } from './booking.service.ts';
import { IdParamsSchema } from './interviews.schemas.ts';
import type { SchedulingLinksService } from './scheduling-links.service.ts';
import { SLOT_STEP_MINUTES } from './slots.ts';
import {
  AvailabilityBodySchema, AvailabilitySchema, BookingBodySchema, CreatedSchedulingLinkSchema, CreateSchedulingLinkBodySchema, LinkParamsSchema,
  SchedulingLinkSchema, SchedulingPageSchema, SchedulingQuerySchema, TokenParamsSchema,
} from './self-scheduling.schemas.ts';

const read = { access: { permission: 'candidates:read' } } as const;
const write = { access: { permission: 'candidates:write' } } as const;
const user = { access: { user: true } } as const;
const pub = { access: { public: true } } as const;
const errors = { ...commonErrorResponses, 403: problemRef, 404: problemRef };
const writeErrors = { ...errors, 409: problemRef };
const publicErrors = { ...commonErrorResponses, 404: problemRef };
// What the candidate's page is: nobody caches it, and the token in its URL is not passed on to other sites.
const privatePage = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

export function selfSchedulingRoutes(availability: AvailabilityService, links: SchedulingLinksService, booking: BookingService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = { tags: ['self-scheduling'] };

    app.get('/v1/me/availability', {
      config: user,
      schema: { ...tags, summary: 'Your availability windows that have not ended', response: { 200: AvailabilitySchema, ...errors } },
    }, async (request) => availability.mine(principalOf(request)));

    app.put('/v1/me/availability', {
      config: user,
      schema: {
        ...tags, summary: 'Replace your availability windows', body: AvailabilityBodySchema, response: { 200: AvailabilitySchema, ...errors },
        description: 'Scheduling links offer a candidate the times when every interviewer they name is available and has no other interview.',
      },
    }, async (request) => availability.replace(principalOf(request), request.body));

    app.post('/v1/applications/:id/scheduling-links', {
      config: write,
      schema: {
        ...tags, summary: 'Make a link the candidate books an interview through', params: IdParamsSchema, body: CreateSchedulingLinkBodySchema,
        response: { 201: CreatedSchedulingLinkSchema, ...writeErrors },
        description: 'The answer carries the link\'s secret URL, shown only this once. The candidate sees slots every '
          + `${SLOT_STEP_MINUTES} minutes between \`from\` and \`to\` when all interviewers are free, and books one; the link then stops offering slots. `
          + 'Interviewers are checked as for scheduling an interview; only an active application gets a link (409 otherwise).',
      },
    }, async (request, reply) => {
      const created = await links.create(principalOf(request), request.params.id, request.body);
      return reply.code(201).header('cache-control', 'no-store').send(created);
    });

    app.get('/v1/applications/:id/scheduling-links', {
      config: read,
      schema: { ...tags, summary: 'An application\'s scheduling links, newest first', params: IdParamsSchema, response: { 200: Type.Object({ data: Type.Array(SchedulingLinkSchema) }), ...errors } },
    }, async (request) => ({ data: await links.forApplication(principalOf(request), request.params.id) }));

    app.post('/v1/scheduling-links/:id/revoke', {
      config: write,
      schema: {
        ...tags, summary: 'Revoke a scheduling link', params: LinkParamsSchema, response: { 200: SchedulingLinkSchema, ...writeErrors },
        description: 'Its URL stops working at once. Revoking a revoked link changes nothing; a booked one is a 409 (cancel its interview instead).',
      },
    }, async (request) => links.revoke(principalOf(request), request.params.id));

    app.get('/v1/scheduling/:token', {
      config: pub,
      schema: {
        ...tags, summary: 'The free slots of a scheduling link (the token in the URL is the credential)', params: TokenParamsSchema, querystring: SchedulingQuerySchema,
        response: { 200: SchedulingPageSchema, ...publicErrors },
        description: 'Each slot gives its instant in UTC and its wall-clock time in `timeZone`. An unknown, expired or revoked link is a 404 scheduling-link-invalid.',
      },
    }, async (request, reply) => reply.headers(privatePage).send(await booking.view(request.params.token, request.query.timeZone)));

    app.post('/v1/scheduling/:token/booking', {
      config: pub,
      schema: {
        ...tags, summary: 'Book one of the link\'s free slots', params: TokenParamsSchema, body: BookingBodySchema,
        response: { 201: SchedulingPageSchema, ...publicErrors, 409: problemRef },
        description: '`start` is one of the slots\' `start`. A time no longer free (someone else just booked it) is a 409 slot-unavailable: '
          + 'fetch the slots again and pick another. A link that has booked already is a 409 scheduling-link-used.',
      },
    }, async (request, reply) => reply.code(201).headers(privatePage).send(await booking.book(request.params.token, request.body)));
  };
}
