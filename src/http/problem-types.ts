import type { ErrorCode } from '../app-error.ts';

export const problemTypeBase = 'https://hireline.dev/problems/';

export interface ProblemType {
  status: number;
  title: string;
}

/** The one table from error code to HTTP status and title; `type` is problemTypeBase + code. */
export const problemTypes: Record<ErrorCode, ProblemType> = {
  'validation-failed': { status: 400, title: 'Request validation failed' },
  'malformed-request': { status: 400, title: 'Malformed request' },
  'invalid-cursor': { status: 400, title: 'Invalid pagination cursor' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Permission denied' },
  'not-an-approver': { status: 403, title: 'Only an approver the offer names may approve or reject it' },
  'csrf-failed': { status: 403, title: 'Missing or invalid CSRF token' },
  'sso-failed': { status: 401, title: 'Single sign-on failed' },
  'sso-required': { status: 403, title: 'Single sign-on required' },
  'sso-account-exists': { status: 409, title: 'An account with this email exists; link single sign-on to it first' },
  'not-found': { status: 404, title: 'Resource not found' },
  'route-not-found': { status: 404, title: 'Route not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'request-timeout': { status: 408, title: 'Request timeout' },
  conflict: { status: 409, title: 'Conflict' },
  'candidate-exists': { status: 409, title: 'A candidate with this email already exists' },
  'invalid-state-transition': { status: 409, title: 'Invalid state transition' },
  'already-applied': { status: 409, title: 'This person has already applied to this job' },
  'job-closed': { status: 409, title: 'The job is not accepting applications' },
  'job-has-applications': { status: 409, title: 'The job holds applications; archive it instead of deleting it' },
  'version-conflict': { status: 409, title: 'The resource changed since the version you named' },
  'scheduling-link-invalid': { status: 404, title: 'This scheduling link is unknown, expired or revoked; ask for a new one' },
  'scheduling-link-used': { status: 409, title: 'This scheduling link has already booked an interview' },
  'slot-unavailable': { status: 409, title: 'That time is no longer free; pick another slot' },
  'approval-out-of-turn': { status: 409, title: 'Approvals of this offer go in order; an earlier approver has not approved yet' },
  'precondition-failed': { status: 412, title: 'Precondition failed' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'uri-too-long': { status: 414, title: 'URI too long' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'unprocessable-job': { status: 422, title: 'Job cannot be processed in its current form' },
  'webhook-url-refused': { status: 422, title: 'Hireline does not call this webhook URL' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key was used for a different request' },
  'idempotency-key-in-flight': { status: 409, title: 'A request with this Idempotency-Key is still being processed' },
  'llm-not-configured': { status: 409, title: 'No language model is configured on this server' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'headers-too-large': { status: 431, title: 'Request header fields too large' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
  'internal-error': { status: 500, title: 'Internal server error' },
};

export const problemType = (code: ErrorCode): string => `${problemTypeBase}${code}`;
