import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../app-error.ts';
import { originOf } from '../../../http/auth.ts';
import { enforce } from '../../../http/rate-limit.ts';
import { commonErrorResponses, problemRef } from '../../../http/schemas.ts';
import { allowEmptyBody, clearSessionCookies, csrfTokenFor, refreshTokenCookie, requireCsrf } from '../../../http/session-cookies.ts';
import { userOf } from '../../access/index.ts';
import { deliver, DeliveryQuerySchema, RefreshedSchema, type AuthLimits } from '../accounts/index.ts';
import { RefreshBodySchema, SessionParamsSchema, SessionSchema } from './sessions.schemas.ts';
import type { SessionsService } from './sessions.service.ts';

export function sessionsRoutes(deps: {
  sessions: SessionsService;
  limits: AuthLimits;
  jwks: () => Promise<{ keys: Record<string, unknown>[] }>;
}): FastifyPluginAsyncTypebox {
  const { sessions, limits } = deps;
  return async (app) => {
    const pub = { access: { public: true } } as const;
    const user = { access: { user: true } } as const;
    const tags = ['identity'];

    // Cookie mode sends these with nothing in the body.
    await app.register(async (plain) => {
      const routes = plain.withTypeProvider<TypeBoxTypeProvider>();
      await allowEmptyBody(routes);

      routes.post('/v1/auth/refresh', {
        config: pub,
        schema: {
          tags, summary: 'Trade a refresh token for a new token pair',
          description: 'Each refresh token works once. Presenting a used one ends its session. In cookie mode send no body (or `{}`) '
            + 'with the X-CSRF-Token header: the refresh cookie is used and new cookies are set.',
          querystring: DeliveryQuerySchema, body: RefreshBodySchema, response: { 200: RefreshedSchema, ...commonErrorResponses, 401: problemRef, 403: problemRef, 429: problemRef },
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

      routes.get('/v1/auth/csrf', {
        config: pub,
        schema: { tags, summary: 'A CSRF token for cookie mode (after a page reload)', response: { 200: Type.Object({ csrfToken: Type.String() }), 500: problemRef } },
      }, async (request, reply) => reply.header('cache-control', 'no-store').send({ csrfToken: csrfTokenFor(request, reply) }));

      routes.post('/v1/auth/logout', {
        config: user, schema: { tags, summary: 'End the current session', response: { 204: Type.Null(), ...commonErrorResponses } },
      }, async (request, reply) => {
        const me = userOf(request);
        await sessions.end({ ...me, origin: originOf(request) }, me.sessionId, 'logout');
        clearSessionCookies(reply);
        return reply.code(204).send(null);
      });

      routes.post('/v1/auth/logout-everywhere', {
        config: user, schema: { tags, summary: 'End every session of your account, this one included', response: { 200: Type.Object({ endedSessions: Type.Integer() }), ...commonErrorResponses } },
      }, async (request, reply) => {
        const me = userOf(request);
        clearSessionCookies(reply);
        return { endedSessions: await sessions.endAll({ ...me, origin: originOf(request) }, null, 'logout-everywhere') };
      });
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
