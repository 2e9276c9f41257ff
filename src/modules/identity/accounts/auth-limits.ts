import type { FastifyReply } from 'fastify';
import { enforce } from '../../../http/rate-limit.ts';
import type { RateLimitDecision, RateLimiter } from '../../../infra/rate-limit/rate-limiter.ts';

/** Per-IP and per-account limits on the routes that guess or create credentials. */
export interface AuthLimits {
  perIp: RateLimiter;
  perAccount: RateLimiter;
}

/**
 * The per-account limit on password attempts, shared by every route that takes a password (the key is
 * the sign-in's, so attempts add up across doors); `alongside` are limits already spent on this request,
 * so the RateLimit headers describe the tightest.
 */
export function passwordAttempts(limits: AuthLimits, reply: FastifyReply, alongside: readonly { decision: RateLimitDecision; what: string }[] = []) {
  return async (account: string): Promise<void> => {
    enforce(reply, [...alongside, { decision: await limits.perAccount.consume(`login:${account}`), what: 'sign-in attempts for this account' }]);
  };
}
