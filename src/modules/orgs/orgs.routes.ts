import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../http/auth.ts';
import { commonErrorResponses } from '../../http/schemas.ts';
import { OrgSchema, UpdateOrgBodySchema } from './orgs.schemas.ts';
import type { OrgsService } from './orgs.service.ts';

export function orgsRoutes(service: OrgsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/v1/org', {
      config: { access: { authenticated: true } },
      schema: { tags: ['identity'], summary: 'The organization you are acting in', response: { 200: OrgSchema, ...commonErrorResponses } },
    }, async (request) => service.current(principalOf(request)));

    app.patch('/v1/org', {
      config: { access: { permission: 'org:manage' } },
      schema: {
        tags: ['identity'], summary: 'Update your organization\'s privacy notice',
        description: 'Set `privacyNoticeUrl` and `privacyNoticeVersion` together (or both to null). While a notice is set, '
          + 'applying to the org\'s jobs needs `consent`, recorded with this URL and version.',
        body: UpdateOrgBodySchema, response: { 200: OrgSchema, ...commonErrorResponses },
      },
    }, async (request) => service.update(principalOf(request), request.body));
  };
}
