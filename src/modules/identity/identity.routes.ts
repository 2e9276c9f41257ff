import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { originOf, userOf } from '../../http/auth.ts';
import { enforce } from '../../http/rate-limit.ts';
import { commonErrorResponses, problemRef } from '../../http/schemas.ts';
import type { RateLimiter } from '../../infra/rate-limit/rate-limiter.ts';
import type { IdentityService } from './identity.service.ts';
import type { SessionsService } from './identity.sessions.ts';
import {
  ChangePasswordBodySchema, LoginBodySchema, MeSchema, RefreshBodySchema, SessionParamsSchema, SessionSchema, SignUpBodySchema, TokenPairSchema,
} from './identity.schemas.ts';

/** Per-IP and per-account limits on the routes that guess or create credentials. */
export interface AuthLimits {
  perIp: RateLimiter;
  perAccount: RateLimiter;
}

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

export function identityRoutes(deps: {
  identity: IdentityService;
  sessions: SessionsService;
  limits: AuthLimits;
  jwks: () => Promise<{ keys: Record<string, unknown>[] }>;
}): FastifyPluginAsyncTypebox {
  const { identity, sessions, limits } = deps;
  return async (app) => {
    const pub = { access: { public: true } } as const;
    const user = { access: { user: true } } as const;
    const limited = { 429: problemRef };
    const tags = ['identity'];

    app.post('/v1/auth/signup', {
      config: pub,
      schema: {
        tags, summary: 'Create an account and the organization you will own; signs you in',
        body: SignUpBodySchema, response: { 201: TokenPairSchema, ...commonErrorResponses, 409: problemRef, ...limited },
      },
    }, async (request, reply) => {
      enforce(reply, [
        { decision: await limits.perIp.consume(`signup:${request.ip}`), what: 'sign-ups from this address' },
        { decision: await limits.perAccount.consume(`signup:${request.body.email.trim().toLowerCase()}`), what: 'sign-ups for this email' },
      ]);
      return noStore(reply).code(201).send(await identity.signUp(request.body, originOf(request)));
    });

    app.post('/v1/auth/login', {
      config: pub,
      schema: {
        tags, summary: 'Sign in with email and password', description: 'Repeated failures lock the account for a growing time (429 with Retry-After).',
        body: LoginBodySchema, response: { 200: TokenPairSchema, ...commonErrorResponses, 401: problemRef, 403: problemRef, ...limited },
      },
    }, async (request, reply) => {
      enforce(reply, [
        { decision: await limits.perIp.consume(`login:${request.ip}`), what: 'sign-in attempts from this address' },
        { decision: await limits.perAccount.consume(`login:${request.body.email.trim().toLowerCase()}`), what: 'sign-in attempts for this account' },
      ]);
      return noStore(reply).send(await identity.login(request.body, originOf(request)));
    });

    app.post('/v1/auth/refresh', {
      config: pub,
      schema: {
        tags, summary: 'Trade a refresh token for a new token pair', description: 'Each refresh token works once. Presenting a used one ends its session.',
        body: RefreshBodySchema, response: { 200: Type.Omit(TokenPairSchema, ['user', 'org']), ...commonErrorResponses, 401: problemRef, ...limited },
      },
    }, async (request, reply) => {
      enforce(reply, [{ decision: await limits.perIp.consume(`refresh:${request.ip}`), what: 'token refreshes from this address' }]);
      const issued = await sessions.refresh(request.body.refreshToken, originOf(request));
      return noStore(reply).send({ tokenType: 'Bearer' as const, ...issued, refreshExpiresAt: issued.refreshExpiresAt.toISOString() });
    });

    app.post('/v1/auth/logout', {
      config: user, schema: { tags, summary: 'End the current session', response: { 204: Type.Null(), ...commonErrorResponses } },
    }, async (request, reply) => {
      const me = userOf(request);
      await sessions.end({ ...me, origin: originOf(request) }, me.sessionId, 'logout');
      return reply.code(204).send(null);
    });

    app.post('/v1/auth/logout-everywhere', {
      config: user, schema: { tags, summary: 'End every session of your account, this one included', response: { 200: Type.Object({ endedSessions: Type.Integer() }), ...commonErrorResponses } },
    }, async (request) => {
      const me = userOf(request);
      return { endedSessions: await sessions.endAll({ ...me, origin: originOf(request) }, null, 'logout-everywhere') };
    });

    app.get('/v1/me', {
      config: user, schema: { tags, summary: 'Your account, the organization you act in and your role', response: { 200: MeSchema, ...commonErrorResponses } },
    }, async (request) => {
      const me = userOf(request);
      return identity.me(me.userId, me.orgId);
    });

    app.put('/v1/me/password', {
      config: user,
      schema: { tags, summary: 'Change your password; ends your other sessions', body: ChangePasswordBodySchema, response: { 200: Type.Object({ endedSessions: Type.Integer() }), ...commonErrorResponses } },
    }, async (request) => {
      const me = userOf(request);
      return identity.changePassword({ ...me, origin: originOf(request) }, request.body.currentPassword, request.body.newPassword);
    });

    app.get('/v1/me/sessions', {
      config: user, schema: { tags, summary: 'Your live sessions', response: { 200: Type.Object({ data: Type.Array(SessionSchema) }), ...commonErrorResponses } },
    }, async (request) => {
      const me = userOf(request);
      return { data: await sessions.list(me.userId, me.sessionId) };
    });

    app.delete('/v1/me/sessions/:id', {
      config: user, schema: { tags, summary: 'End one of your sessions', params: SessionParamsSchema, response: { 204: Type.Null(), ...commonErrorResponses, 404: problemRef } },
    }, async (request, reply) => {
      const me = userOf(request);
      await sessions.end({ ...me, origin: originOf(request) }, request.params.id, 'revoked');
      return reply.code(204).send(null);
    });

    app.get('/.well-known/jwks.json', {
      config: pub,
      schema: {
        tags, summary: 'Public keys that verify access tokens (JWKS)',
        response: { 200: Type.Object({ keys: Type.Array(Type.Record(Type.String(), Type.Unknown())) }), 500: problemRef },
      },
    }, async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(await deps.jwks()));
  };
}
