import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../app-error.ts';

/** Who is calling. Until the identity issue lands, only an organization's API key. */
export interface Principal {
  orgId: string;
  orgSlug: string;
  apiKeyId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export type Authenticate = (apiKey: string) => Promise<Principal | null>;

/** onRequest hook for private routes: a valid `Authorization: Bearer hl_…` or 401. */
export function bearerAuth(authenticate: Authenticate) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) throw new AppError('unauthenticated', 'Send an API key as `Authorization: Bearer hl_…`');
    const principal = await authenticate(match[1]);
    if (!principal) throw new AppError('unauthenticated', 'The API key is unknown or revoked');
    request.principal = principal;
  };
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 'This route needs an API key');
  return request.principal;
}
