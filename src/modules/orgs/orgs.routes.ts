import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../http/auth.ts';
import { commonErrorResponses } from '../../http/schemas.ts';
import { OrgSchema } from './orgs.schemas.ts';
import type { OrgsService } from './orgs.service.ts';

export function orgsRoutes(service: OrgsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/v1/org', {
      config: { access: { authenticated: true } },
      schema: { tags: ['identity'], summary: 'The organization you are acting in', response: { 200: OrgSchema, ...commonErrorResponses } },
    }, async (request) => service.current(principalOf(request)));
  };
}
