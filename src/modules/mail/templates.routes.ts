import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../http/auth.ts';
import { commonErrorResponses, problemRef } from '../../http/schemas.ts';
import {
  EmailSettingsSchema, EmailTemplateSchema, PreviewBodySchema, PutTemplateBodySchema, RenderedTemplateSchema, TemplateParamsSchema,
} from './templates.schemas.ts';
import type { TemplatesService } from './templates.service.ts';

const manage = { access: { permission: 'org:manage' } } as const;
const errors = { ...commonErrorResponses, 403: problemRef, 404: problemRef };

const language = 'Templates are Liquid (https://liquidjs.com): `{{ candidate.name }}`, `{% if interview.location %}…{% endif %}`, filters such as `| upcase`. '
  + 'A variable or filter that does not exist is an error, not an empty string; file includes are not available. '
  + 'In the html part every output is HTML-escaped (write `| raw` to opt out); the subject and text parts are plain text.';

export function templatesRoutes(service: TemplatesService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = { tags: ['email'] };

    app.get('/v1/email-templates/:key', {
      config: manage,
      schema: {
        ...tags, summary: 'An email template: the org\'s version, or the default', params: TemplateParamsSchema, response: { 200: EmailTemplateSchema, ...errors },
        description: `${language} \`variables\` lists what the template may use, with sample values.`,
      },
    }, async (request) => service.get(principalOf(request), request.params.key));

    app.put('/v1/email-templates/:key', {
      config: manage,
      schema: {
        ...tags, summary: 'Use the org\'s own version of an email template', params: TemplateParamsSchema, body: PutTemplateBodySchema,
        response: { 200: EmailTemplateSchema, ...errors },
        description: `${language} Each part is parsed and rendered with the sample variables before it is saved: a syntax error or an unknown `
          + 'variable is a 400 validation-failed pointing at the part. Messages queued from now on use it. The account emails (verify-email, password-reset) are a 403.',
      },
    }, async (request) => service.put(principalOf(request), request.params.key, request.body));

    app.delete('/v1/email-templates/:key', {
      config: manage,
      schema: { ...tags, summary: 'Go back to the default email template', params: TemplateParamsSchema, response: { 204: Type.Null(), ...errors } },
    }, async (request, reply) => {
      await service.remove(principalOf(request), request.params.key);
      return reply.code(204).send(null);
    });

    app.post('/v1/email-templates/:key/preview', {
      config: manage,
      schema: {
        ...tags, summary: 'Render an email template without sending it', params: TemplateParamsSchema, body: PreviewBodySchema,
        response: { 200: RenderedTemplateSchema, ...errors },
        description: 'Renders the template in use (or the parts in the body, unsaved) with the sample variables, or with `data`. A template that does not render is a 400.',
      },
    }, async (request) => service.preview(principalOf(request), request.params.key, request.body ?? {}));

    app.get('/v1/email-settings', {
      config: manage,
      schema: { ...tags, summary: 'Which optional emails the org sends', response: { 200: EmailSettingsSchema, ...errors } },
    }, async (request) => service.settings(principalOf(request)));

    app.put('/v1/email-settings', {
      config: manage,
      schema: {
        ...tags, summary: 'Turn rejection emails on or off, and set their delay', body: EmailSettingsSchema, response: { 200: EmailSettingsSchema, ...errors },
        description: 'A rejection email waits `delayMinutes` after the decision (default 2 days); reopening the application before it goes cancels it.',
      },
    }, async (request) => service.putSettings(principalOf(request), request.body));
  };
}
