import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../app-error.ts';
import { accessTokenCookie, requireCsrf } from './session-cookies.ts';

/**
 * The types of callers and permission names, filled in by the access module through declaration
 * merging (src/modules/access/principal.ts), as plugins fill in Fastify's own config: this file
 * checks routes against the real names without importing a module, and compiles without one.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by declaration merging
export interface AccessTypes {}
type Registered<K extends string, Otherwise> = AccessTypes extends Record<K, infer T> ? T : Otherwise;

/** The name of a permission a route can require. */
export type PermissionName = Registered<'permission', string>;

/** What the gate needs of an authenticated caller. */
export interface GateCaller {
  actor: { kind: string };
  grants: { has(permission: PermissionName): boolean };
}
export type AuthenticatedCaller = Registered<'principal', GateCaller>;

/** Turns a bearer credential into the caller it names, or null. */
export type Authenticate = (credential: string) => Promise<AuthenticatedCaller | null>;

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
  | { permission: PermissionName };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: AuthenticatedCaller | null;
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

export function principalOf(request: FastifyRequest): AuthenticatedCaller {
  if (!request.principal) throw new AppError('unauthenticated', 'This route needs a credential');
  return request.principal;
}

/** Where a request came from, for audit trails. */
export const originOf = (request: FastifyRequest): { ip: string | null; userAgent: string | null } => ({
  ip: request.ip,
  userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
});
