import { Type, type Static } from 'typebox';
import { PermissionSchema } from './access.schemas.ts';

// `scopes` is the public name of the permissions a key holds; the API keeps it.
export const ApiKeySchema = Type.Object({
  id: Type.String({ examples: ['key_0193a1b2c3d47e8f9a0b1c2d3e4f5a6b'] }),
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the key, to tell keys apart' }),
  scopes: Type.Array(PermissionSchema),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Updated at most once a minute' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
}, { $id: 'ApiKey' });
export type ApiKey = Static<typeof ApiKeySchema>;

export const CreateApiKeyBodySchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  scopes: Type.Array(PermissionSchema, { minItems: 1, uniqueItems: true }),
  expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Omit or null for a key that does not expire' })),
}, { additionalProperties: false });
export type CreateApiKeyInput = Static<typeof CreateApiKeyBodySchema>;

export const CreatedApiKeySchema = Type.Object({
  apiKey: Type.String({ description: 'The secret, `hl_…`: shown only in this response' }),
  key: ApiKeySchema,
});

export const ApiKeyParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
