import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../../http/auth.ts';
import { commonErrorResponses } from '../../http/schemas.ts';
import { BrandingBodySchema, BrandingSchema } from './branding.schemas.ts';
import type { BrandingService } from './branding.service.ts';
import { OrgSchema, UpdateOrgBodySchema } from './orgs.schemas.ts';
import type { OrgsService } from './orgs.service.ts';

export function orgsRoutes(service: OrgsService, branding: BrandingService): FastifyPluginAsyncTypebox {
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

    app.get('/v1/org/branding', {
      config: { access: { permission: 'org:manage' } },
      schema: { tags: ['identity'], summary: 'How your careers pages look', response: { 200: BrandingSchema, ...commonErrorResponses } },
    }, async (request) => branding.get(principalOf(request)));

    app.put('/v1/org/branding', {
      config: { access: { permission: 'org:manage' } },
      schema: {
        tags: ['identity'], summary: 'Set how your careers pages look',
        description: 'Replaces the branding of /careers/{orgSlug}: `logoUrl` (https), `accentColor` (#rgb or #rrggbb; the text on it is '
          + 'chosen black or white for contrast, and links use a darker shade where needed), `introText` (plain text). Null clears a field. '
          + 'The privacy-notice link on the apply form is the org\'s `privacyNoticeUrl` (PATCH /v1/org). Pages show a change within 30 s.',
        body: BrandingBodySchema, response: { 200: BrandingSchema, ...commonErrorResponses },
      },
    }, async (request) => branding.set(principalOf(request), request.body));
  };
}
