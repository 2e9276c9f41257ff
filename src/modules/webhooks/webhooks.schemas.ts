import { Type, type Static } from 'typebox';
import { CursorQuery, LimitQuery, Nullable } from '../../http/schemas.ts';

const Url = Type.String({
  minLength: 1, maxLength: 2000, format: 'uri', examples: ['https://hooks.example.com/hireline'],
  description: 'https; plain http only to a host on WEBHOOK_ALLOWED_HOSTS. Its host must resolve to public addresses only (private, loopback, link-local and other special ranges are refused) unless allowlisted.',
});
const EventTypes = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  minItems: 1, maxItems: 100, uniqueItems: true, examples: [['job.published', 'application.created']],
  description: 'Types from the event catalogue (see DomainEvent); omit or send null for every type, those added later included',
});
const Description = Type.String({ minLength: 1, maxLength: 500 });

export const WebhookEndpointSchema = Type.Object({
  id: Type.String({ examples: ['whep_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  url: Type.String(),
  description: Nullable(Type.String()),
  eventTypes: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'null: every event type' }),
  enabled: Type.Boolean(),
  disabledReason: Nullable(Type.String({ description: 'Why Hireline turned the endpoint off (sustained failure); null when enabled or turned off by a person' })),
  failingSince: Nullable(Type.String({ format: 'date-time', description: 'Since when every attempt has failed; null after a success' })),
  version: Type.Integer({ description: 'Raised by every change; the ETag' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
}, { $id: 'WebhookEndpoint' });
export type WebhookEndpoint = Static<typeof WebhookEndpointSchema>;

export const WebhookSecretSchema = Type.Object({
  secret: Type.String({ examples: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'], description: 'Standard Webhooks signing secret; shown only here' }),
});

export const CreatedWebhookEndpointSchema = Type.Object({ ...WebhookEndpointSchema.properties, ...WebhookSecretSchema.properties });

export const CreateWebhookEndpointBodySchema = Type.Object({
  url: Url,
  eventTypes: Type.Optional(Nullable(EventTypes)),
  description: Type.Optional(Nullable(Description)),
  enabled: Type.Optional(Type.Boolean({ default: true })),
}, { additionalProperties: false });
export type CreateWebhookEndpointInput = Static<typeof CreateWebhookEndpointBodySchema>;

export const UpdateWebhookEndpointBodySchema = Type.Object({
  url: Type.Optional(Url),
  eventTypes: Type.Optional(Nullable(EventTypes)),
  description: Type.Optional(Nullable(Description)),
  enabled: Type.Optional(Type.Boolean({ description: 'true turns a disabled endpoint back on; deliveries resume from events after that moment' })),
}, { additionalProperties: false, minProperties: 1 });
export type UpdateWebhookEndpointInput = Static<typeof UpdateWebhookEndpointBodySchema>;

export const WebhookAttemptSchema = Type.Object({
  id: Type.String(),
  attemptedAt: Type.String({ format: 'date-time' }),
  statusCode: Nullable(Type.Integer({ description: 'The receiver\'s status; null when no answer came' })),
  latencyMs: Type.Integer(),
  responseExcerpt: Nullable(Type.String({ description: 'The first 1 KB of the answer' })),
  error: Nullable(Type.String({ description: 'Why the attempt failed: a refused address, a network error, a timeout, a redirect or an error status' })),
  succeeded: Type.Boolean({ description: 'A 2xx answer' }),
  manual: Type.Boolean({ description: 'Asked for through redeliver' }),
});

export const WebhookDeliverySchema = Type.Object({
  id: Type.String({ examples: ['whdl_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  eventId: Type.String({ description: 'Sent as `webhook-id`: the same on every attempt, so receivers dedupe on it' }),
  eventType: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')], {
    description: 'failed: every scheduled retry failed (redeliver can still send it)',
  }),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  log: Type.Array(WebhookAttemptSchema, { description: 'Every attempt, oldest first' }),
}, { $id: 'WebhookDelivery' });
export type WebhookDelivery = Static<typeof WebhookDeliverySchema>;

export const EndpointParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const DeliveryParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), deliveryId: Type.String({ minLength: 1, maxLength: 64 }) });
export const DeliveriesQuerySchema = Type.Object({ limit: Type.Optional(LimitQuery), cursor: Type.Optional(CursorQuery) }, { additionalProperties: false });
