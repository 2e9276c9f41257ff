import cookie from '@fastify/cookie';
import Tokens from '@fastify/csrf';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../app-error.ts';

/**
 * Cookie mode for browser clients: the access and refresh tokens ride in HttpOnly cookies that
 * page scripts cannot read, and every state-changing request they authenticate must also carry a
 * CSRF token (double submit: a secret in a cookie, a token derived from it in `X-CSRF-Token`).
 * `__Host-` cookies cannot be set by a sibling subdomain, which closes cookie tossing.
 */
export const cookieNames = {
  access: '__Host-hl_access',
  // `__Secure-` rather than `__Host-` so the refresh token travels only to /v1/auth.
  refresh: '__Secure-hl_refresh',
  csrf: '__Host-hl_csrf',
  /** Binds an SSO sign-in to the browser that started it; only the callback needs it. */
  ssoBrowser: '__Secure-hl_sso',
} as const;

export const csrfHeader = 'x-csrf-token';
const refreshPath = '/v1/auth';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
// Its typings declare a callable; calling it builds the same instance `new` would.
const tokens = Tokens();
const base = { httpOnly: true, secure: true, sameSite: 'lax' } as const;

export async function registerCookies(app: FastifyInstance): Promise<void> {
  await app.register(cookie);
}

export interface CookieTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** Sets the session cookies and returns a CSRF token for the page to send back. */
export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, issued: CookieTokens): string {
  const refreshMaxAge = Math.max(0, Math.floor((issued.refreshExpiresAt.getTime() - Date.now()) / 1000));
  reply.setCookie(cookieNames.access, issued.accessToken, { ...base, path: '/', maxAge: issued.expiresIn });
  reply.setCookie(cookieNames.refresh, issued.refreshToken, { ...base, path: refreshPath, maxAge: refreshMaxAge });
  return csrfTokenFor(request, reply, refreshMaxAge);
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(cookieNames.access, { ...base, path: '/' });
  reply.clearCookie(cookieNames.refresh, { ...base, path: refreshPath });
  reply.clearCookie(cookieNames.csrf, { ...base, path: '/' });
}

/** A fresh CSRF token for this browser, creating its secret cookie when it has none. */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply, maxAgeSeconds?: number): string {
  const existing = request.cookies[cookieNames.csrf];
  if (existing) return tokens.create(existing);
  const secret = tokens.secretSync();
  reply.setCookie(cookieNames.csrf, secret, { ...base, path: '/', ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}) });
  return tokens.create(secret);
}

export const accessTokenCookie = (request: FastifyRequest): string | null => request.cookies[cookieNames.access] || null;
export const refreshTokenCookie = (request: FastifyRequest): string | null => request.cookies[cookieNames.refresh] || null;

/** Throws unless a state-changing request carries a CSRF token matching this browser's secret. */
export function requireCsrf(request: FastifyRequest): void {
  if (safeMethods.has(request.method)) return;
  const secret = request.cookies[cookieNames.csrf];
  const given = request.headers[csrfHeader];
  if (!secret || typeof given !== 'string' || !tokens.verify(secret, given)) {
    throw new AppError('csrf-failed', `A request authenticated by cookie must send the ${csrfHeader} header from sign-in or GET /v1/auth/csrf`);
  }
}

/**
 * For routes whose body carries nothing in cookie mode (refresh, logout), in the encapsulated scope it
 * is called on: no body at all, or an empty one labelled JSON (what a browser's fetch sends), means `{}`.
 */
export async function allowEmptyBody(scope: FastifyInstance): Promise<void> {
  const json = scope.getDefaultJsonParser('error', 'error');
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text === '') return done(null, undefined);
    json(request, text, done);
  });
  scope.addHook('preValidation', async (request) => {
    request.body ??= {};
  });
}

const ssoPath = '/v1/auth/oidc';

export function setSsoBrowserCookie(reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  reply.setCookie(cookieNames.ssoBrowser, token, { ...base, path: ssoPath, maxAge: maxAgeSeconds });
}

/** Reads and clears the SSO browser cookie: each sign-in uses it once. */
export function takeSsoBrowserCookie(request: FastifyRequest, reply: FastifyReply): string | null {
  const token = request.cookies[cookieNames.ssoBrowser] || null;
  if (token) reply.clearCookie(cookieNames.ssoBrowser, { ...base, path: ssoPath });
  return token;
}
