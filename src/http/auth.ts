import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../app-error.ts';
import type { RequestOrigin } from '../modules/audit/audit.schemas.ts';
import type { Grants, Permission, Reach, Role, Scope } from '../modules/identity/identity.permissions.ts';
import { accessTokenCookie, requireCsrf } from './session-cookies.ts';

export type Actor =
  | { kind: 'user'; userId: string; sessionId: string; role: Role }
  | { kind: 'api-key'; apiKeyId: string };

/** Who is calling, for which org, and what they may do there. */
export interface Principal {
  orgId: string;
  actor: Actor;
  grants: Grants;
}

/** Turns a bearer credential (an `hl_` API key or an access token) into a principal, or null. */
export type Authenticate = (credential: string) => Promise<Principal | null>;

/**
 * What a route needs, declared in its `config.access`. Every module route must declare one:
 * registering a route without it fails at start, so no route is private or public by accident.
 */
export type RouteAccess =
  | { public: true }
  /** Any caller with a valid credential (a user's token or an API key). */
  | { authenticated: true }
  /** A signed-in person, not an API key (their profile, sessions, password). */
  | { user: true }
  | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const bearer = (request: FastifyRequest): string | null => {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
};

const problemRef = { $ref: 'Problem#' };

/** Writes a route's access into its OpenAPI operation, so the document cannot disagree with the check. */
function describeAccess(route: RouteOptions, access: RouteAccess): void {
  if ('public' in access) return;
  const schema = (route.schema ??= {}) as { security?: Record<string, string[]>[]; response?: Record<string, unknown>; description?: string };
  schema.security = 'user' in access ? [{ accessToken: [] }]
    : 'permission' in access ? [{ accessToken: [access.permission] }, { apiKey: [access.permission] }]
      : [{ accessToken: [] }, { apiKey: [] }];
  const response = (schema.response ??= {});
  response[401] ??= problemRef;
  response[403] ??= problemRef;
  const needs = 'user' in access ? 'a signed-in user (not an API key)' : 'permission' in access ? `the \`${access.permission}\` permission` : 'any valid credential';
  schema.description = `${schema.description ? `${schema.description}\n\n` : ''}Requires ${needs}.`;
}

/**
 * Installs the one authorization mechanism: routes registered after this call must declare
 * `config.access`, and every request is checked against it before its body is even parsed.
 */
export function installAuthorization(app: FastifyInstance, authenticate: Authenticate): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no config.access`);
    describeAccess(route, access);
  });
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || 'public' in access) return;
    // A bearer header cannot be forged cross-site; a cookie rides along by itself, so it needs CSRF proof.
    let credential = bearer(request);
    if (!credential) {
      credential = accessTokenCookie(request);
      if (!credential) throw new AppError('unauthenticated', 'Send `Authorization: Bearer <access token or API key>`, or sign in with cookies');
      requireCsrf(request);
    }
    const principal = await authenticate(credential);
    if (!principal) throw new AppError('unauthenticated', 'The access token or API key is invalid, expired or revoked');
    request.principal = principal;
    if ('user' in access && principal.actor.kind !== 'user') throw new AppError('forbidden', 'This route is for a signed-in user, not an API key');
    if ('permission' in access && !principal.grants.has(access.permission)) {
      throw new AppError('forbidden', `This needs the ${access.permission} permission`);
    }
  });
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 'This route needs a credential');
  return request.principal;
}

export function scopeOf(request: FastifyRequest, permission: Permission): Scope {
  const principal = principalOf(request);
  const reach: Reach | undefined = principal.grants.get(permission);
  if (!reach) throw new AppError('forbidden', `This needs the ${permission} permission`);
  return { orgId: principal.orgId, assignedTo: reach === 'assigned' && principal.actor.kind === 'user' ? principal.actor.userId : null };
}

export function userOf(request: FastifyRequest): Extract<Actor, { kind: 'user' }> & { orgId: string } {
  const principal = principalOf(request);
  if (principal.actor.kind !== 'user') throw new AppError('forbidden', 'This route is for a signed-in user, not an API key');
  return { ...principal.actor, orgId: principal.orgId };
}

export const originOf = (request: FastifyRequest): RequestOrigin => ({
  ip: request.ip,
  userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
});

/** The caller as the audit log records it. */
export function auditActorOf(request: FastifyRequest): { type: 'user' | 'api-key'; id: string; origin: RequestOrigin } {
  const { actor } = principalOf(request);
  return actor.kind === 'user'
    ? { type: 'user', id: actor.userId, origin: originOf(request) }
    : { type: 'api-key', id: actor.apiKeyId, origin: originOf(request) };
}
