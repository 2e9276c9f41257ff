import type { FastifyReply } from 'fastify';
import { AppError } from '../app-error.ts';
import type { RateLimitDecision } from '../infra/rate-limit/rate-limiter.ts';

/**
 * The IETF RateLimit header fields: `RateLimit-Policy` and `RateLimit` as structured fields
 * (draft-ietf-httpapi-ratelimit-headers-08 and later: quota q per window w seconds; r remaining, t seconds
 * to reset), and the earlier drafts' three fields, which clients written against them still read.
 */
export function rateLimitHeaders(reply: FastifyReply, decision: RateLimitDecision): void {
  reply.header('ratelimit-policy', `"${decision.policy}";q=${decision.limit};w=${decision.windowSeconds}`);
  reply.header('ratelimit', `"${decision.policy}";r=${decision.remaining};t=${decision.resetSeconds}`);
  reply.header('ratelimit-limit', String(decision.limit));
  reply.header('ratelimit-remaining', String(decision.remaining));
  reply.header('ratelimit-reset', String(decision.resetSeconds));
}

/**
 * Applies several limits to one request (per address, per account): the headers describe the tightest,
 * and the first one spent refuses the request with a 429 and Retry-After.
 */
export function enforce(reply: FastifyReply, checks: readonly { decision: RateLimitDecision; what: string }[]): void {
  const refused = checks.find((c) => !c.decision.allowed);
  const tightest = refused ?? [...checks].sort((a, b) => a.decision.remaining - b.decision.remaining)[0];
  if (tightest) rateLimitHeaders(reply, tightest.decision);
  if (refused) {
    throw new AppError('rate-limited', `Too many ${refused.what}; retry in ${refused.decision.resetSeconds} s`, { retryAfter: refused.decision.resetSeconds });
  }
}
