import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { originOf } from '../../../http/auth.ts';
import { enforce } from '../../../http/rate-limit.ts';
import { commonErrorResponses, problemRef } from '../../../http/schemas.ts';
import { userOf } from '../../access/index.ts';
import { ConfirmEmailBodySchema, ConfirmPasswordResetBodySchema, PasswordResetBodySchema } from './accounts.schemas.ts';
import type { AuthLimits } from './auth-limits.ts';
import type { EmailLinksService } from './email-links.service.ts';

const Accepted = Type.Object({ status: Type.Literal('accepted'), detail: Type.String() });

export function emailLinksRoutes(links: EmailLinksService, limits: AuthLimits): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['identity'];
    const pub = { access: { public: true } } as const;

    app.post('/v1/me/email-verification', {
      config: { access: { user: true } },
      schema: { tags, summary: 'Email yourself a new verification link', response: { 202: Accepted, ...commonErrorResponses, 429: problemRef } },
    }, async (request, reply) => {
      const me = userOf(request);
      enforce(reply, [{ decision: await limits.perAccount.consume(`verify:${me.userId}`), what: 'verification emails for this account' }]);
      links.sendVerification(me.userId);
      return reply.code(202).send({ status: 'accepted' as const, detail: 'Unless the address is already verified, a link is on its way' });
    });

    app.post('/v1/auth/email-verification/confirm', {
      config: pub,
      schema: { tags, summary: 'Confirm an email address with the emailed token', body: ConfirmEmailBodySchema, response: { 204: Type.Null(), ...commonErrorResponses, 409: problemRef, 429: problemRef } },
    }, async (request, reply) => {
      enforce(reply, [{ decision: await limits.perIp.consume(`verify-confirm:${request.ip}`), what: 'attempts from this address' }]);
      await links.confirmVerification(request.body.token, originOf(request));
      return reply.code(204).send(null);
    });

    app.post('/v1/auth/password-reset', {
      config: pub,
      schema: {
        tags, summary: 'Email a password reset link (valid one hour)',
        description: 'Answers 202 whether or not the address has an account, so it cannot be used to find accounts.',
        body: PasswordResetBodySchema, response: { 202: Accepted, ...commonErrorResponses, 429: problemRef },
      },
    }, async (request, reply) => {
      enforce(reply, [
        { decision: await limits.perIp.consume(`reset:${request.ip}`), what: 'reset requests from this address' },
        { decision: await limits.perAccount.consume(`reset:${request.body.email.trim().toLowerCase()}`), what: 'reset requests for this account' },
      ]);
      links.requestPasswordReset(request.body.email, originOf(request));
      return reply.code(202).send({ status: 'accepted' as const, detail: 'If the address has an account, a reset link is on its way' });
    });

    app.post('/v1/auth/password-reset/confirm', {
      config: pub,
      schema: {
        tags, summary: 'Set a new password with the emailed token; signs out every session',
        body: ConfirmPasswordResetBodySchema, response: { 200: Type.Object({ endedSessions: Type.Integer() }), ...commonErrorResponses, 429: problemRef },
      },
    }, async (request, reply) => {
      enforce(reply, [{ decision: await limits.perIp.consume(`reset-confirm:${request.ip}`), what: 'attempts from this address' }]);
      return reply.header('cache-control', 'no-store').send(await links.resetPassword(request.body.token, request.body.newPassword, originOf(request)));
    });
  };
}
