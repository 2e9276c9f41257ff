/** The closed set of error codes. Services throw these; src/http/problem-types.ts maps each to HTTP. */
export const errorCodes = [
  'validation-failed',
  'malformed-request',
  'invalid-cursor',
  'unauthenticated',
  'forbidden',
  'not-an-approver',
  'csrf-failed',
  'sso-failed',
  'sso-required',
  'sso-account-exists',
  'not-found',
  'route-not-found',
  'method-not-allowed',
  'request-timeout',
  'conflict',
  'candidate-exists',
  'invalid-state-transition',
  'already-applied',
  'job-closed',
  'job-has-applications',
  'version-conflict',
  'scheduling-link-invalid',
  'scheduling-link-used',
  'slot-unavailable',
  'approval-out-of-turn',
  'precondition-failed',
  'payload-too-large',
  'uri-too-long',
  'unsupported-media-type',
  'unprocessable-job',
  'webhook-url-refused',
  'idempotency-key-reused',
  'idempotency-key-in-flight',
  'llm-not-configured',
  'rate-limited',
  'headers-too-large',
  'service-unavailable',
  'internal-error',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/**
 * A bad input value, named the way the operation names it: a dotted path into its input
 * ('salary.min', 'newPassword'). The HTTP layer says where in the request that field was.
 */
export interface FieldProblem {
  field: string;
  detail: string;
}

export interface AppErrorExtras {
  fields?: readonly FieldProblem[];
  missing?: string[];
  /** Seconds until a retry can succeed; sent as Retry-After. */
  retryAfter?: number;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extras: AppErrorExtras = {},
  ) {
    super(`${code}: ${detail}`);
    this.name = 'AppError';
  }
}

export const notFound = (what: string): AppError => new AppError('not-found', `${what} was not found`);
