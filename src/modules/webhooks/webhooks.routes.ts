import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../http/auth.ts';
import { cursorId, decodeCursor, encodeCursor } from '../../http/cursor.ts';
import { acceptedVersions, IfMatchHeadersSchema, versionEtag } from '../../http/preconditions.ts';
import { commonErrorResponses, Page, problemRef } from '../../http/schemas.ts';
import {
  CreatedWebhookEndpointSchema, CreateWebhookEndpointBodySchema, DeliveriesQuerySchema, DeliveryParamsSchema, EndpointParamsSchema,
  UpdateWebhookEndpointBodySchema, WebhookDeliverySchema, WebhookEndpointSchema, WebhookSecretSchema,
} from './webhooks.schemas.ts';
import type { WebhooksService } from './webhooks.service.ts';

const manage = { access: { permission: 'webhooks:manage' } } as const;
const errors = { ...commonErrorResponses, 403: problemRef, 404: problemRef };
const writeErrors = { ...errors, 409: problemRef, 422: problemRef };

const signing = 'Each delivery is a POST signed as the Standard Webhooks specification says: `webhook-id` (the event id, the same on every retry: '
  + 'dedupe on it), `webhook-timestamp` (unix seconds of the attempt) and `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` '
  + 'keyed with the base64-decoded part of the secret after `whsec_`). The body is `{ id, type, version, orgId, subjectId, timestamp, data }`, '
  + '`data` being the payload of the event\'s catalogue schema. A 2xx answer within the timeout is a success; redirects are not followed.';

export function webhooksRoutes(service: WebhooksService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = { tags: ['webhooks'] };

    app.post('/v1/webhooks', {
      config: manage,
      schema: {
        ...tags, summary: 'Register a webhook endpoint', body: CreateWebhookEndpointBodySchema, response: { 201: CreatedWebhookEndpointSchema, ...writeErrors },
        description: `It receives the events recorded from now on. The answer holds the signing secret, shown only here (rotate it with rotate-secret). ${signing} `
          + 'A URL that is not https, carries credentials, or whose host resolves to a private, loopback, link-local or other special address is a 422 `webhook-url-refused` (unless the host is on WEBHOOK_ALLOWED_HOSTS).',
      },
    }, async (request, reply) => {
      const endpoint = await service.create(principalOf(request), request.body);
      return reply.code(201).header('location', `/v1/webhooks/${endpoint.id}`).header('etag', versionEtag(endpoint.version)).header('cache-control', 'no-store').send(endpoint);
    });

    app.get('/v1/webhooks', {
      config: manage,
      schema: { ...tags, summary: 'The org\'s webhook endpoints', response: { 200: Type.Object({ data: Type.Array(WebhookEndpointSchema) }), ...errors } },
    }, async (request) => ({ data: await service.list(principalOf(request)) }));

    app.get('/v1/webhooks/:id', {
      config: manage,
      schema: { ...tags, summary: 'Get a webhook endpoint', params: EndpointParamsSchema, response: { 200: WebhookEndpointSchema, ...errors } },
    }, async (request, reply) => {
      const endpoint = await service.get(principalOf(request), request.params.id);
      return reply.header('etag', versionEtag(endpoint.version)).send(endpoint);
    });

    app.patch('/v1/webhooks/:id', {
      config: manage,
      schema: {
        ...tags, summary: 'Change a webhook endpoint, or turn it off or on', params: EndpointParamsSchema, headers: IfMatchHeadersSchema,
        body: UpdateWebhookEndpointBodySchema, response: { 200: WebhookEndpointSchema, ...writeErrors },
        description: 'Turning a disabled endpoint back on clears its failure record; it then catches up on the events recorded while it was off. '
          + 'An If-Match naming another version is a 409 version-conflict.',
      },
    }, async (request, reply) => {
      const endpoint = await service.update(principalOf(request), request.params.id, request.body, acceptedVersions(request.headers['if-match']));
      return reply.header('etag', versionEtag(endpoint.version)).send(endpoint);
    });

    app.delete('/v1/webhooks/:id', {
      config: manage,
      schema: { ...tags, summary: 'Delete a webhook endpoint and its delivery log', params: EndpointParamsSchema, response: { 204: Type.Null(), ...errors } },
    }, async (request, reply) => {
      await service.remove(principalOf(request), request.params.id);
      return reply.code(204).send(null);
    });

    app.post('/v1/webhooks/:id/rotate-secret', {
      config: manage,
      schema: {
        ...tags, summary: 'Replace a webhook endpoint\'s signing secret', params: EndpointParamsSchema, response: { 200: WebhookSecretSchema, ...errors },
        description: 'Deliveries from now on are signed with the new secret only; the old one stops verifying at once.',
      },
    }, async (request, reply) => reply.header('cache-control', 'no-store').send(await service.rotateSecret(principalOf(request), request.params.id)));

    app.get('/v1/webhooks/:id/deliveries', {
      config: manage,
      schema: {
        ...tags, summary: 'An endpoint\'s deliveries, newest first, each with its attempt log', params: EndpointParamsSchema, querystring: DeliveriesQuerySchema,
        response: { 200: Page(WebhookDeliverySchema), ...errors },
        description: 'A failed attempt is retried after about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 14 h (±10%); then the delivery is `failed`. '
          + 'An endpoint whose every attempt has failed for 5 days is turned off, and a `webhook.disabled` event says so.',
      },
    }, async (request) => {
      const { cursor, limit } = request.query;
      const beforeId = cursor ? cursorId(decodeCursor(cursor, 'webhook-deliveries', 1)) : undefined;
      const { data, next } = await service.deliveries(principalOf(request), request.params.id, { limit, beforeId });
      return { data, nextCursor: next ? encodeCursor('webhook-deliveries', [next]) : null };
    });

    app.post('/v1/webhooks/:id/deliveries/:deliveryId/redeliver', {
      config: manage,
      schema: {
        ...tags, summary: 'Send a delivery again, now', params: DeliveryParamsSchema, response: { 200: WebhookDeliverySchema, ...errors },
        description: 'One attempt, made during this request and logged as manual: a success marks the delivery succeeded; a failure changes neither its retry schedule nor the endpoint\'s failure record. It works on a disabled endpoint too.',
      },
    }, async (request) => service.redeliver(principalOf(request), request.params.id, request.params.deliveryId));
  };
}
