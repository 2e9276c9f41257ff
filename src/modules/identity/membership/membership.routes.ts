import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { originOf, principalOf } from '../../../http/auth.ts';
import { enforce } from '../../../http/rate-limit.ts';
import { commonErrorResponses, problemRef } from '../../../http/schemas.ts';
import { callerOf } from '../../access/index.ts';
import { deliver, DeliveryQuerySchema, passwordAttempts, SignedInSchema, type AuthLimits } from '../accounts/index.ts';
import type { InvitationsService } from './invitations.service.ts';
import type { MembersService } from './members.service.ts';
import {
  AcceptInvitationBodySchema, CreatedInvitationSchema, CreateInvitationBodySchema, InvitationParamsSchema, InvitationSchema, MemberParamsSchema,
  MemberSchema, UpdateMemberBodySchema,
} from './membership.schemas.ts';

export function membershipRoutes(members: MembersService, invitations: InvitationsService, limits: AuthLimits): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['identity'];
    const manage = { access: { permission: 'members:manage' } } as const;

    app.get('/v1/members', {
      config: { access: { permission: 'members:read' } },
      schema: { tags, summary: 'People in your organization and their roles', response: { 200: Type.Object({ data: Type.Array(MemberSchema) }), ...commonErrorResponses } },
    }, async (request) => ({ data: await members.list(principalOf(request)) }));

    app.patch('/v1/members/:userId', {
      config: manage,
      schema: {
        tags, summary: 'Change someone\'s role', description: 'Only owners make or unmake owners; an organization always keeps one owner.',
        params: MemberParamsSchema, body: UpdateMemberBodySchema, response: { 200: MemberSchema, ...commonErrorResponses, 404: problemRef, 409: problemRef },
      },
    }, async (request) => members.setRole(callerOf(request), request.params.userId, request.body.role));

    app.delete('/v1/members/:userId', {
      config: manage,
      schema: { tags, summary: 'Remove someone from the organization; ends their sessions here', params: MemberParamsSchema, response: { 204: Type.Null(), ...commonErrorResponses, 404: problemRef, 409: problemRef } },
    }, async (request, reply) => {
      await members.remove(callerOf(request), request.params.userId);
      return reply.code(204).send(null);
    });

    app.get('/v1/invitations', {
      config: manage,
      schema: { tags, summary: 'Invitations to your organization', response: { 200: Type.Object({ data: Type.Array(InvitationSchema) }), ...commonErrorResponses } },
    }, async (request) => ({ data: await invitations.list(principalOf(request)) }));

    app.post('/v1/invitations', {
      config: manage,
      schema: {
        tags, summary: 'Invite someone by email with a role', description: 'Returns a single-use token, valid 7 days, to send to them. Only owners invite owners.',
        body: CreateInvitationBodySchema, response: { 201: CreatedInvitationSchema, ...commonErrorResponses, 409: problemRef },
      },
    }, async (request, reply) => reply.code(201).send(await invitations.create(callerOf(request), request.body)));

    app.delete('/v1/invitations/:id', {
      config: manage,
      schema: { tags, summary: 'Revoke a pending invitation', params: InvitationParamsSchema, response: { 204: Type.Null(), ...commonErrorResponses, 404: problemRef } },
    }, async (request, reply) => {
      await invitations.revoke(callerOf(request), request.params.id);
      return reply.code(204).send(null);
    });

    app.post('/v1/invitations/accept', {
      config: { access: { public: true } },
      schema: {
        tags, summary: 'Accept an invitation and sign in to the organization',
        description: 'New to Hireline: send a name and a password. Already have an account: send its password.',
        querystring: DeliveryQuerySchema, body: AcceptInvitationBodySchema, response: { 200: SignedInSchema, ...commonErrorResponses, 401: problemRef, 409: problemRef, 429: problemRef },
      },
    }, async (request, reply) => {
      const perIp = [{ decision: await limits.perIp.consume(`accept:${request.ip}`), what: 'attempts from this address' }];
      enforce(reply, perIp);
      const accepted = await invitations.accept(request.body, originOf(request), passwordAttempts(limits, reply, perIp));
      return deliver(request, reply, accepted, request.query.delivery);
    });
  };
}
