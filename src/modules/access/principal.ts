import type { FastifyRequest } from 'fastify';
import { AppError } from '../../app-error.ts';
import { originOf, principalOf } from '../../http/auth.ts';
import type { RequestOrigin } from '../audit/index.ts';
import { grantsOfRole, type Grants, type Permission, type Role } from './permission-matrix.ts';

export type Actor =
  | { kind: 'user'; userId: string; sessionId: string; role: Role }
  | { kind: 'api-key'; apiKeyId: string }
  /** The operator or the process itself: the CLI, seeding, sweeps. */
  | { kind: 'system' };

/** Who is calling, for which org, and what they may do there. */
export interface Principal {
  orgId: string;
  actor: Actor;
  grants: Grants;
}

// http/ checks routes against these types without importing this module (see AccessTypes in src/http/auth.ts).
declare module '../../http/auth.ts' {
  interface AccessTypes {
    principal: Principal;
    permission: Permission;
  }
}

/** Turns a bearer credential (an API key or an access token) into a principal, or null. */
export type Authenticate = (credential: string) => Promise<Principal | null>;

/** The system itself over the whole org, with every permission (CLI, seeding, sweeps). */
export const wholeOrg = (orgId: string): Principal => ({ orgId, actor: { kind: 'system' }, grants: grantsOfRole('owner') });

/** A principal and where its request came from: what a service needs to act and to audit the act. */
export interface Caller {
  principal: Principal;
  origin: RequestOrigin;
}

export const callerOf = (request: FastifyRequest): Caller => ({ principal: principalOf(request), origin: originOf(request) });

/** The signed-in person behind a route that is for users only (`{ user: true }`), with their org. */
export function userOf(request: FastifyRequest): Extract<Actor, { kind: 'user' }> & { orgId: string } {
  const { actor, orgId } = principalOf(request);
  if (actor.kind !== 'user') throw new AppError('forbidden', 'This route is for a signed-in user, not an API key');
  return { ...actor, orgId };
}

// Anything that is not a person acts as an admin would: it may not create or remove owners.
export const roleOfActor = (actor: Actor): Role => (actor.kind === 'user' ? actor.role : 'admin');

/** The actor as the audit log records it. */
export const auditActor = (actor: Actor): { type: 'user' | 'api-key' | 'system'; id: string | null } => {
  switch (actor.kind) {
    case 'user': return { type: 'user', id: actor.userId };
    case 'api-key': return { type: 'api-key', id: actor.apiKeyId };
    case 'system': return { type: 'system', id: null };
  }
};
