import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../../http/auth.ts';
import { commonErrorResponses, problemRef } from '../../http/schemas.ts';
import { ApiKeyParamsSchema, ApiKeySchema, CreateApiKeyBodySchema, CreatedApiKeySchema } from './api-keys.schemas.ts';
import type { ApiKeysService } from './api-keys.service.ts';
import { callerOf } from './principal.ts';

export function apiKeysRoutes(service: ApiKeysService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const config = { access: { permission: 'api-keys:manage' } } as const;
    const base = { tags: ['identity'] };

    app.get('/v1/api-keys', {
      config, schema: { ...base, summary: 'List the organization\'s API keys (never their secrets)', response: { 200: Type.Object({ data: Type.Array(ApiKeySchema) }), ...commonErrorResponses } },
    }, async (request) => ({ data: await service.list(principalOf(request)) }));

    app.post('/v1/api-keys', {
      config,
      schema: {
        ...base, summary: 'Create an API key with scopes and an optional expiry',
        description: 'The secret is in this response only. You can grant only scopes you hold yourself.',
        body: CreateApiKeyBodySchema, response: { 201: CreatedApiKeySchema, ...commonErrorResponses },
      },
    }, async (request, reply) => reply.code(201).send(await service.create(callerOf(request), request.body)));

    app.delete('/v1/api-keys/:id', {
      config,
      schema: { ...base, summary: 'Revoke an API key at once', params: ApiKeyParamsSchema, response: { 200: ApiKeySchema, ...commonErrorResponses, 404: problemRef, 409: problemRef } },
    }, async (request) => service.revoke(callerOf(request), request.params.id));
  };
}
