import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bearerAuth, principalOf } from '../../http/request-context.ts';
import { commonErrorResponses, problemRef } from '../../http/schemas.ts';
import { OrgSchema } from './orgs.schemas.ts';
import type { OrgsService } from './orgs.service.ts';

export function orgsRoutes(service: OrgsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', bearerAuth(service.authenticate));
    app.get('/v1/org', {
      schema: { tags: ['jobs'], security: [{ apiKey: [] }], summary: 'The organization your API key belongs to', response: { 200: OrgSchema, ...commonErrorResponses, 401: problemRef } },
    }, async (request) => service.get(principalOf(request).orgId));
  };
}
