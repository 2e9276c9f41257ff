import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { originOf } from '../../../http/auth.ts';
import { enforce } from '../../../http/rate-limit.ts';
import { commonErrorResponses, problemRef } from '../../../http/schemas.ts';
import { userOf } from '../../access/index.ts';
import { ChangePasswordBodySchema, LoginBodySchema, MeSchema, SignUpBodySchema } from './accounts.schemas.ts';
import type { AccountsService } from './accounts.service.ts';
import { passwordAttempts, type AuthLimits } from './auth-limits.ts';
import { deliver, DeliveryQuerySchema, SignedInSchema } from './token-delivery.ts';

export function accountsRoutes(accounts: AccountsService, limits: AuthLimits): FastifyPluginAsyncTypebox {
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
      return reply.code(201).send(deliver(request, reply, await accounts.signUp(request.body, originOf(request)), request.query.delivery));
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
      return deliver(request, reply, await accounts.login(request.body, originOf(request)), request.query.delivery);
    });

    app.get('/v1/me', {
      config: user, schema: { tags, summary: 'Your account, the organization you act in and your role', response: { 200: MeSchema, ...commonErrorResponses } },
    }, async (request) => {
      const me = userOf(request);
      return accounts.me(me.userId, me.orgId);
    });

    app.put('/v1/me/password', {
      config: user,
      schema: { tags, summary: 'Change your password; ends your other sessions', body: ChangePasswordBodySchema, response: { 200: Type.Object({ endedSessions: Type.Integer() }), ...commonErrorResponses } },
    }, async (request, reply) => {
      const me = userOf(request);
      return accounts.changePassword({ ...me, origin: originOf(request) }, request.body.currentPassword, request.body.newPassword, passwordAttempts(limits, reply));
    });
  };
}
