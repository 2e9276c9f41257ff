import { Type, type Static } from 'typebox';
import { roles } from '../../access/index.ts';
import { OrgSlugSchema } from '../../orgs/index.ts';

// A first SSO sign-in may not make anyone an owner.
const DefaultRole = Type.Enum(roles.filter((r) => r !== 'owner'));

export const SsoConnectionSchema = Type.Object({
  issuer: Type.String({ format: 'uri' }),
  clientId: Type.String(),
  defaultRole: DefaultRole,
  requireSso: Type.Boolean({ description: 'Members other than owners may sign in only through the provider' }),
  redirectUri: Type.String({ format: 'uri', description: 'Register this as the redirect URI at your provider' }),
  signInUrl: Type.String({ format: 'uri', description: 'Where members start signing in' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
}, { $id: 'SsoConnection' });
export type SsoConnection = Static<typeof SsoConnectionSchema>;

export const PutSsoConnectionBodySchema = Type.Object({
  issuer: Type.String({ format: 'uri', maxLength: 500, description: 'The provider\'s issuer identifier; its discovery document must be reachable' }),
  clientId: Type.String({ minLength: 1, maxLength: 500 }),
  clientSecret: Type.String({ minLength: 1, maxLength: 2000, writeOnly: true }),
  defaultRole: Type.Optional(DefaultRole),
  requireSso: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type PutSsoConnectionInput = Static<typeof PutSsoConnectionBodySchema>;

export const SsoOrgParamsSchema = Type.Object({ orgSlug: OrgSlugSchema });

export const SsoStartQuerySchema = Type.Object({
  delivery: Type.Optional(Type.Enum(['body', 'cookie'], {
    description: '`cookie` (default; browsers): the callback sets session cookies and redirects to the app. `body`: the callback answers with the tokens as JSON.',
  })),
}, { additionalProperties: false });

export const SsoCallbackQuerySchema = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 2000 })),
  state: Type.Optional(Type.String({ maxLength: 500 })),
  iss: Type.Optional(Type.String({ maxLength: 500 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
  error_description: Type.Optional(Type.String({ maxLength: 2000 })),
  session_state: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });

export const SsoLinkBodySchema = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
}, { additionalProperties: false });

export const SsoLinkStartedSchema = Type.Object({
  redirectTo: Type.String({ format: 'uri', description: 'Open this in the same browser: sign in at the provider, and its callback links the two' }),
}, { $id: 'SsoLinkStarted' });
