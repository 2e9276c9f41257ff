import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../app-error.ts';
import { requestHash, type ResponseStore, type Ticket } from '../infra/idempotency/index.ts';
import type { AuthenticatedCaller } from './auth.ts';

/**
 * `Idempotency-Key` on every POST of the private API, and on public POSTs that opt in: the same key
 * and request replay the first response (with `Idempotent-Replayed: true`), another request with the
 * key is a 422, and the key while its first request still runs is a 409. Keys are per caller (org and
 * actor), so two callers never collide. A 5xx is not kept, so a retry can succeed.
 */
export interface Idempotency {
  store: ResponseStore;
  /** The caller a private request's keys belong to, e.g. "org_…:user:usr_…". */
  scopeOf(caller: AuthenticatedCaller): string;
}

/** `after-parsing`: the handler reads its body itself (multipart) and calls claimIdempotency with what it read. */
export type IdempotencyMode = 'body' | 'after-parsing';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false opts a private POST out; a public POST opts in with a mode. */
    idempotency?: false | IdempotencyMode;
  }
  interface FastifyRequest {
    idempotencyTicket: Ticket | null;
  }
}

export const IdempotencyKeyHeaderSchema = Type.String({
  minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$',
  description: 'Makes a retry safe: the same key and request replay the first response (with `Idempotent-Replayed: true`) and do nothing again; '
    + 'the key with another request is a 422; while the first request with it runs, a 409. Keys are per caller and kept 24 hours; a 5xx is not kept.',
});

/** Response headers a replay repeats; the rest (dates, request ids, rate limits) belong to the new request. */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag', 'content-location', 'last-modified'];

const modeOf = (route: RouteOptions): IdempotencyMode | null => {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (!methods.includes('POST')) return null;
  const configured = route.config?.idempotency;
  if (configured === false) return null;
  if (configured) return configured;
  const access = route.config?.access;
  return access && !('public' in access) ? 'body' : null;
};

type HeadersSchema = { type?: string; properties?: Record<string, unknown>; [k: string]: unknown };

/** Documents the header and its 409 and 422 on each route it applies to, so the OpenAPI document shows them. */
function describe(route: RouteOptions): void {
  const schema = (route.schema ??= {}) as { headers?: HeadersSchema; response?: Record<string, unknown> };
  const headers = schema.headers ?? { type: 'object', properties: {} };
  schema.headers = { ...headers, properties: { ...headers.properties, 'idempotency-key': IdempotencyKeyHeaderSchema } };
  const response = (schema.response ??= {});
  response[409] ??= { $ref: 'Problem#' };
  response[422] ??= { $ref: 'Problem#' };
}

export function installIdempotency(app: FastifyInstance, idempotency: Idempotency): void {
  app.decorateRequest('idempotencyTicket', null);
  app.addHook('onRoute', (route) => {
    const mode = modeOf(route);
    if (!mode) return;
    describe(route);
    (route.config ??= {}).idempotency = mode;
  });
  app.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.config.idempotency !== 'body' || request.method !== 'POST') return;
    if (await claim(idempotency, request, reply, request.body ?? null)) return reply;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const ticket = request.idempotencyTicket;
    if (!ticket) return payload;
    request.idempotencyTicket = null;
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      await idempotency.store.abandon(ticket);
      return payload;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    await idempotency.store.finish(ticket, { statusCode: reply.statusCode, headers, body: payload });
    return payload;
  });
  // A request that ends without a response (the client went away) frees its key.
  const release = async (request: FastifyRequest) => {
    const ticket = request.idempotencyTicket;
    request.idempotencyTicket = null;
    if (ticket) await idempotency.store.abandon(ticket);
  };
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);
  app.decorate('idempotency', idempotency);
}

declare module 'fastify' {
  interface FastifyInstance {
    idempotency?: Idempotency;
  }
}

/**
 * Claims the request's key for `input` (what the request asks for, as the route reads it). Returns
 * true when the reply is a replay already sent; throws the 409 or 422. Without a key it does nothing.
 */
export async function claimIdempotency(request: FastifyRequest, reply: FastifyReply, input: unknown): Promise<boolean> {
  const idempotency = request.server.idempotency;
  if (!idempotency) return false;
  return claim(idempotency, request, reply, input);
}

async function claim(idempotency: Idempotency, request: FastifyRequest, reply: FastifyReply, input: unknown): Promise<boolean> {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string') return false;
  const scope = request.principal ? idempotency.scopeOf(request.principal) : 'public';
  // The route and its parameters are part of the request: one key on two endpoints is two requests.
  const fingerprint = requestHash({ method: request.method, url: request.url, input });
  const begun = await idempotency.store.begin(`${scope}:${key}`, fingerprint);
  switch (begun.state) {
    case 'started':
      request.idempotencyTicket = begun.ticket;
      return false;
    case 'mismatch':
      throw new AppError('idempotency-key-reused', 'This Idempotency-Key was already used for a different request; use a new key for a new request');
    case 'in-flight':
      throw new AppError('idempotency-key-in-flight', 'A request with this Idempotency-Key is still being processed; retry once it has answered', { retryAfter: 1 });
    case 'replay':
      void reply.code(begun.response.statusCode).headers(begun.response.headers).header('idempotent-replayed', 'true').send(begun.response.body);
      return true;
  }
}
