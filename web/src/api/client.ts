import createClient from 'openapi-fetch';
import type { paths } from '../../generated/openapi';

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Sign-in, invitations and the session's own routes answer 401 for a reason of their own: never refresh and repeat them.
const sessionRoutes = /^\/v1\/(auth\/|invitations\/accept$)/;

let csrfToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
let sessionEnded: () => void = () => {};

/** Called when the session is over (refresh refused): the console then asks the person to sign in again. */
export function onSessionEnded(listener: () => void): void {
  sessionEnded = listener;
}

/** The token cookie mode hands out at sign-in (or GET /v1/auth/csrf after a reload), sent as X-CSRF-Token. */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

function withCsrf(request: Request): Request {
  if (csrfToken && stateChanging.has(request.method)) request.headers.set('x-csrf-token', csrfToken);
  return request;
}

/**
 * One refresh at a time: a refresh token used twice ends its session, so requests that meet an
 * expired access cookie together wait for the same refresh.
 */
function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const response = await fetch('/v1/auth/refresh?delivery=cookie', {
      method: 'POST', credentials: 'same-origin', headers: csrfToken ? { 'x-csrf-token': csrfToken } : {},
    });
    if (!response.ok) return false;
    const body = (await response.json()) as { csrfToken?: unknown };
    if (typeof body.csrfToken === 'string') rememberCsrfToken(body.csrfToken);
    return true;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** The access cookie lasts 10 minutes: on a 401, refresh the session once and repeat the request. */
async function sessionFetch(input: Request): Promise<Response> {
  const again = input.clone();
  const response = await fetch(withCsrf(input));
  if (response.status !== 401 || sessionRoutes.test(new URL(input.url).pathname)) return response;
  if (!(await refreshSession())) {
    sessionEnded();
    return response;
  }
  return fetch(withCsrf(again));
}

/** The API, typed from its OpenAPI document (web/generated/, written by scripts/console/openapi-types.ts). */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin', fetch: sessionFetch });
