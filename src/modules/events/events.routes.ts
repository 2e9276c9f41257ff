import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bearerAuth, principalOf, type Authenticate } from '../../http/request-context.ts';
import { commonErrorResponses, Page, problemRef } from '../../http/schemas.ts';
import { DomainEventSchema, ListEventsQuerySchema } from './events.schemas.ts';
import type { EventsService } from './events.service.ts';

export function eventsRoutes(service: EventsService, authenticate: Authenticate): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', bearerAuth(authenticate));
    app.get('/v1/events', {
      schema: {
        tags: ['events'], security: [{ apiKey: [] }], summary: 'List domain events, oldest first',
        querystring: ListEventsQuerySchema, response: { 200: Page(DomainEventSchema), ...commonErrorResponses, 401: problemRef },
      },
    }, async (request) => service.list(principalOf(request).orgId, request.query));
  };
}
