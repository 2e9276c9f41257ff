import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { originOf, principalOf } from '../../../http/auth.ts';
import { enforce } from '../../../http/rate-limit.ts';
import { commonErrorResponses, problemRef } from '../../../http/schemas.ts';
import { setSsoBrowserCookie, takeSsoBrowserCookie } from '../../../http/session-cookies.ts';
import { callerOf } from '../../access/index.ts';
import { deliver, passwordAttempts, SignedInSchema, type AuthLimits } from '../accounts/index.ts';
import {
  PutSsoConnectionBodySchema, SsoCallbackQuerySchema, SsoConnectionSchema, SsoLinkBodySchema, SsoLinkStartedSchema, SsoOrgParamsSchema, SsoStartQuerySchema,
} from './sso.schemas.ts';
import type { SsoService } from './sso.service.ts';

export function ssoRoutes(sso: SsoService, deps: { appBaseUrl: string; limits: AuthLimits }): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['identity'];
    const manage = { access: { permission: 'org:manage' } } as const;
    const pub = { access: { public: true } } as const;

    app.get('/v1/org/sso', {
      config: manage, schema: { tags, summary: 'Your organization\'s identity provider (the secret is never shown)', response: { 200: SsoConnectionSchema, ...commonErrorResponses, 404: problemRef } },
    }, async (request) => sso.get(principalOf(request)));

    app.put('/v1/org/sso', {
      config: manage,
      schema: {
        tags, summary: 'Register or replace the OpenID Connect provider members sign in with',
        description: 'The issuer must answer discovery at once. With `requireSso`, password sessions of everyone but owners end.',
        body: PutSsoConnectionBodySchema, response: { 200: SsoConnectionSchema, ...commonErrorResponses },
      },
    }, async (request) => sso.configure(callerOf(request), request.body));

    app.delete('/v1/org/sso', {
      config: manage, schema: { tags, summary: 'Remove single sign-on', response: { 204: Type.Null(), ...commonErrorResponses, 404: problemRef } },
    }, async (request, reply) => {
      await sso.remove(callerOf(request));
      return reply.code(204).send(null);
    });

    app.get('/v1/auth/oidc/:orgSlug/start', {
      config: pub,
      schema: {
        tags, summary: 'Start signing in through the organization\'s identity provider',
        description: 'Redirects to the provider (authorization code with PKCE, state and nonce) and sets a short-lived cookie that the callback requires.',
        params: SsoOrgParamsSchema, querystring: SsoStartQuerySchema,
        response: { 302: Type.Null({ description: 'To the identity provider' }), ...commonErrorResponses, 404: problemRef, 503: problemRef },
      },
    }, async (request, reply) => {
      const started = await sso.start(request.params.orgSlug, request.query.delivery ?? 'cookie');
      setSsoBrowserCookie(reply, started.browserToken, 600);
      return reply.header('cache-control', 'no-store').redirect(started.redirectTo, 302);
    });

    app.post('/v1/auth/oidc/:orgSlug/link', {
      config: pub,
      schema: {
        tags, summary: 'Link the organization\'s identity provider to the account you already have',
        description: 'For someone whose first single sign-on was refused with `sso-account-exists`. Send the account\'s email and '
          + 'password (counted like a sign-in: lockout, limits, audit), then open `redirectTo` in the same browser and sign in at the '
          + 'provider; its callback links the two and signs you in. Afterwards `/start` opens this account directly.',
        params: SsoOrgParamsSchema, querystring: SsoStartQuerySchema, body: SsoLinkBodySchema,
        response: { 200: SsoLinkStartedSchema, ...commonErrorResponses, 401: problemRef, 404: problemRef, 429: problemRef, 503: problemRef },
      },
    }, async (request, reply) => {
      const perIp = [{ decision: await deps.limits.perIp.consume(`login:${request.ip}`), what: 'sign-in attempts from this address' }];
      enforce(reply, perIp);
      const started = await sso.startLink(
        request.params.orgSlug, request.body.email, request.body.password, request.query.delivery ?? 'cookie', originOf(request),
        passwordAttempts(deps.limits, reply, perIp),
      );
      setSsoBrowserCookie(reply, started.browserToken, 600);
      return reply.header('cache-control', 'no-store').send({ redirectTo: started.redirectTo });
    });

    app.get('/v1/auth/oidc/:orgSlug/callback', {
      config: pub,
      schema: {
        tags, summary: 'Where the identity provider sends the browser back',
        description: 'Cookie mode sets the session cookies and redirects to the app; body mode answers with the tokens. '
          + 'A first sign-in whose email already has an account creates nothing and answers 409 `sso-account-exists`: link it with `/link`.',
        params: SsoOrgParamsSchema, querystring: SsoCallbackQuerySchema,
        response: { 200: SignedInSchema, 303: Type.Null({ description: 'Signed in (cookie mode): to the app' }), ...commonErrorResponses, 401: problemRef, 403: problemRef, 404: problemRef, 409: problemRef },
      },
    }, async (request, reply) => {
      const query = new URL(request.url, 'http://callback.invalid').search;
      const browserToken = takeSsoBrowserCookie(request, reply);
      const { pair, delivery } = await sso.complete(request.params.orgSlug, query, browserToken, originOf(request));
      const body = deliver(request, reply, pair, delivery);
      return delivery === 'cookie' ? reply.redirect(`${deps.appBaseUrl}/`, 303) : body;
    });
  };
}
