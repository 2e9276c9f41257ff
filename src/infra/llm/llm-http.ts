import { setTimeout as delay } from 'node:timers/promises';
import { LlmError } from './llm.port.ts';

export interface RetryPolicy {
  /** Per attempt, through an AbortSignal. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Injectable so tests can see the waits without waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
}

export interface JsonReply {
  body: unknown;
  attempts: number;
}

// 529 is Anthropic's "overloaded"; 408 and 409 are what OpenAI's own clients retry.
const retriableStatuses = new Set([408, 409, 429, 500, 502, 503, 504, 529]);
const backoffBaseMs = 500;
const backoffCapMs = 8_000;
/** A server asking for a longer pause than this is not waited for: the request would hold its caller too long. */
const longestRetryAfterMs = 30_000;

/** Seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Full jitter over an exponentially growing window: retries from many callers spread out. */
const backoffMs = (retry: number, random: () => number): number =>
  Math.round(random() * Math.min(backoffCapMs, backoffBaseMs * 2 ** retry));

type Attempt = { ok: true; body: unknown } | { ok: false; error: LlmError; retriable: boolean; waitMs: number | null };

async function attempt(url: string, init: RequestInit, timeoutMs: number, signal: AbortSignal | undefined): Promise<Attempt> {
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (err) {
    if (timeout.aborted) return { ok: false, error: new LlmError('timeout', `no answer within ${timeoutMs} ms`), retriable: true, waitMs: null };
    if (signal?.aborted) throw err;
    return { ok: false, error: new LlmError('network_error', err instanceof Error ? err.message : String(err)), retriable: true, waitMs: null };
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    return { ok: false, error: new LlmError('timeout', `answer not complete within ${timeoutMs} ms`), retriable: true, waitMs: null };
  }
  if (!response.ok) {
    const kind = response.status === 429 ? 'rate_limited' : 'http_error';
    // The body is the provider's error message, never our request: safe to keep a little of it.
    const error = new LlmError(kind, `HTTP ${response.status}: ${text.slice(0, 200)}`, response.status);
    return { ok: false, error, retriable: retriableStatuses.has(response.status), waitMs: retryAfterMs(response.headers.get('retry-after')) };
  }
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: new LlmError('malformed_response', 'the response body is not JSON'), retriable: false, waitMs: null };
  }
}

/** POSTs JSON and returns the parsed JSON answer, retrying what a retry can fix; throws LlmError otherwise. */
export async function postJson(url: string, headers: Record<string, string>, payload: unknown, policy: RetryPolicy, signal?: AbortSignal): Promise<JsonReply> {
  const sleep = policy.sleep ?? ((ms: number) => delay(ms, undefined, signal ? { signal } : undefined));
  const random = policy.random ?? Math.random;
  const init: RequestInit = { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: JSON.stringify(payload) };
  for (let retry = 0; ; retry++) {
    const result = await attempt(url, init, policy.timeoutMs, signal);
    if (result.ok) return { body: result.body, attempts: retry + 1 };
    if (!result.retriable || retry >= policy.maxRetries) throw result.error;
    const waitMs = result.waitMs ?? backoffMs(retry, random);
    if (waitMs > longestRetryAfterMs) throw result.error;
    await sleep(waitMs);
  }
}
