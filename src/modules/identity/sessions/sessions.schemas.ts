import { Type, type Static } from 'typebox';

export const RefreshBodySchema = Type.Object({
  refreshToken: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Omit in cookie mode: the refresh cookie is used' })),
}, { additionalProperties: false });

export const SessionSchema = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  method: Type.Enum(['password', 'sso']),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  current: Type.Boolean({ description: 'The session this request was made with' }),
}, { $id: 'Session' });
export type Session = Static<typeof SessionSchema>;

export const SessionParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
