import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../app-error.ts';
import { originOf, userOf } from '../../http/auth.ts';
import { enforce } from '../../http/rate-limit.ts';
import { allowEmptyBody, clearSessionCookies, csrfTokenFor, refreshTokenCookie, requireCsrf } from '../../http/session-cookies.ts';
import { commonErrorResponses, problemRef } from '../../http/schemas.ts';
import type { RateLimitDecision, RateLimiter } from '../../infra/rate-limit/rate-limiter.ts';
import { deliver, DeliveryQuerySchema, RefreshedSchema, SignedInSchema } from './identity.delivery.ts';
import type { IdentityService } from './identity.service.ts';
import type { SessionsService } from './identity.sessions.ts';
import {
  ChangePasswordBodySchema, LoginBodySchema, MeSchema, RefreshBodySchema, SessionParamsSchema, SessionSchema, SignUpBodySchema,
} from './identity.schemas.ts';

/** Per-IP and per-account limits on the routes that guess or create credentials. */
export interface AuthLimits {
  perIp: RateLimiter;
  perAccount: RateLimiter;
}

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

/**
 * The per-account limit on password attempts, shared by every route that takes a password (the key is
 * the sign-in's, so attempts add up across doors); `alongside` are limits already spent on this request,
 * so the RateLimit headers describe the tightest.
 */
export function passwordAttempts(limits: AuthLimits, reply: FastifyReply, alongside: readonly { decision: RateLimitDecision; what: string }[] = []) {
  return async (account: string): Promise<void> => {
    enforce(reply, [...alongside, { decision: await limits.perAccount.consume(`login:${account}`), what: 'sign-in attempts for this account' }]);
  };
}

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
        querystring: DeliveryQuerySchema, body: SignUpBodySchema, response: { 201: SignedInSchema, ...commonErrorResponses, 409: problemRef, ...limited },
      },
    }, async (request, reply) => {
      enforce(reply, [
        { decision: await limits.perIp.consume(`signup:${request.ip}`), what: 'sign-ups from this address' },
        { decision: await limits.perAccount.consume(`signup:${request.body.email.trim().toLowerCase()}`), what: 'sign-ups for this email' },
      ]);
      return reply.code(201).send(deliver(request, reply, await identity.signUp(request.body, originOf(request)), request.query.delivery));
    });

    app.post('/v1/auth/login', {
      config: pub,
      schema: {
        tags, summary: 'Sign in with email and password', description: 'Repeated failures lock the account for a growing time (429 with Retry-After).',
        querystring: DeliveryQuerySchema, body: LoginBodySchema, response: { 200: SignedInSchema, ...commonErrorResponses, 401: problemRef, 403: problemRef, ...limited },
      },
    }, async (request, reply) => {
      enforce(reply, [
        { decision: await limits.perIp.consume(`login:${request.ip}`), what: 'sign-in attempts from this address' },
        { decision: await limits.perAccount.consume(`login:${request.body.email.trim().toLowerCase()}`), what: 'sign-in attempts for this account' },
      ]);
      return deliver(request, reply, await identity.login(request.body, originOf(request)), request.query.delivery);
    });

    // Cookie mode sends these with nothing in the body.
    await app.register(async (plain) => {
      const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
      await allowEmptyBody(scope);

      scope.post('/v1/auth/refresh', {
        config: pub,
        schema: {
          tags, summary: 'Trade a refresh token for a new token pair',
          description: 'Each refresh token works once. Presenting a used one ends its session. In cookie mode send no body (or `{}`) '
            + 'with the X-CSRF-Token header: the refresh cookie is used and new cookies are set.',
          querystring: DeliveryQuerySchema, body: RefreshBodySchema, response: { 200: RefreshedSchema, ...commonErrorResponses, 401: problemRef, 403: problemRef, ...limited },
        },
      }, async (request, reply) => {
        enforce(reply, [{ decision: await limits.perIp.consume(`refresh:${request.ip}`), what: 'token refreshes from this address' }]);
        let token = request.body.refreshToken;
        let delivery = request.query.delivery;
        if (!token) {
          token = refreshTokenCookie(request) ?? undefined;
          if (!token) throw new AppError('unauthenticated', 'Send refreshToken in the body, or sign in with cookies first');
          requireCsrf(request);
          delivery = 'cookie';
        }
        const issued = await sessions.refresh(token, originOf(request), async (userId) => {
          enforce(reply, [{ decision: await limits.perAccount.consume(`refresh:${userId}`), what: 'token refreshes for this account' }]);
        });
        return deliver(request, reply, { tokenType: 'Bearer' as const, ...issued, refreshExpiresAt: issued.refreshExpiresAt.toISOString() }, delivery);
      });

      scope.get('/v1/auth/csrf', {
        config: pub,
        schema: { tags, summary: 'A CSRF token for cookie mode (after a page reload)', response: { 200: Type.Object({ csrfToken: Type.String() }), 500: problemRef } },
      }, async (request, reply) => noStore(reply).send({ csrfToken: csrfTokenFor(request, reply) }));

      scope.post('/v1/auth/logout', {
        config: user, schema: { tags, summary: 'End the current session', response: { 204: Type.Null(), ...commonErrorResponses } },
      }, async (request, reply) => {
        const me = userOf(request);
        await sessions.end({ ...me, origin: originOf(request) }, me.sessionId, 'logout');
        clearSessionCookies(reply);
        return reply.code(204).send(null);
      });

      scope.post('/v1/auth/logout-everywhere', {
        config: user, schema: { tags, summary: 'End every session of your account, this one included', response: { 200: Type.Object({ endedSessions: Type.Integer() }), ...commonErrorResponses } },
      }, async (request, reply) => {
        const me = userOf(request);
        clearSessionCookies(reply);
        return { endedSessions: await sessions.endAll({ ...me, origin: originOf(request) }, null, 'logout-everywhere') };
      });
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
    }, async (request, reply) => {
      const me = userOf(request);
      return identity.changePassword({ ...me, origin: originOf(request) }, request.body.currentPassword, request.body.newPassword, passwordAttempts(limits, reply));
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
