import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../app-error.ts';
import { isDatabaseUnavailable } from '../infra/db/database.ts';
import { inputPart, locateFields, RequestValidationError } from './field-errors.ts';
import { problemType, problemTypes } from './problem-types.ts';
import type { Problem } from './schemas.ts';
import { toFieldErrors } from './validation.ts';

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const { status, title } = problemTypes[error.code];
  const body: Problem = {
    type: problemType(error.code),
    title,
    status,
    detail: error.detail,
    instance: request.url.split('?')[0] ?? request.url,
    code: error.code,
    requestId: request.id,
  };
  const errors = locateFields(error, inputPart(request.method));
  if (errors) body.errors = errors;
  if (error.extras.missing) body.missing = error.extras.missing;
  if (error.extras.retryAfter !== undefined) body.retryAfter = error.extras.retryAfter;
  if (error.extras.retryAfter !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(error.extras.retryAfter))));
  else if (error.code === 'rate-limited' || error.code === 'service-unavailable') reply.header('retry-after', '1');
  return reply.code(status).type('application/problem+json').send(body);
}

/** Fastify's own errors (parsing, limits, validation) → our codes; anything unknown is a 500. */
function fromFastifyError(error: FastifyError & { validationContext?: string }): AppError | null {
  if (error.validation) {
    const errors = toFieldErrors(error.validation, error.validationContext);
    const summary = errors.slice(0, 3).map((e) => `${e.in} ${e.pointer || '(root)'} ${e.detail}`).join('; ');
    return new RequestValidationError(`Request ${error.validationContext ?? 'input'} is invalid: ${summary}`, errors);
  }
  const byStatus: Partial<Record<number, ErrorCode>> = { 413: 'payload-too-large', 415: 'unsupported-media-type', 405: 'method-not-allowed' };
  const status = error.statusCode ?? 500;
  const code = byStatus[status] ?? (status >= 400 && status < 500 ? 'malformed-request' : null);
  if (!code) return null;
  // Fastify's messages for client errors are safe and useful ("Body is not valid JSON ..."), never stack traces.
  return new AppError(code, error.message.replace(/^FST_\w+:\s*/, ''));
}

/**
 * Fastify's router answers a malformed percent-encoding or an over-long path parameter itself, before
 * any hook runs; this gives those the same problem+json (and request id header) as every other error.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.header('x-request-id', request.id);
  if (error.code === 'FST_ERR_BAD_URL') {
    return sendProblem(request, reply, new AppError('malformed-request', 'The path holds malformed percent-encoding (each % must start a valid UTF-8 escape)'));
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendProblem(request, reply, new AppError('uri-too-long', 'A path segment is longer than this API accepts'));
  }
  request.log.error({ err: error }, 'router error');
  return sendProblem(request, reply, new AppError('internal-error', 'An unexpected error occurred; quote the requestId when reporting it'));
}

/** `allowedMethods(path)`: the methods some route answers on that path, empty for an unknown path. */
export function registerErrorHandling(app: FastifyInstance, allowedMethods: (path: string) => string[]): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = error instanceof AppError ? error : fromFastifyError(error);
    if (appError && appError.code !== 'internal-error') {
      if (problemTypes[appError.code].status >= 500) request.log.error({ err: error }, appError.detail);
      return sendProblem(request, reply, appError);
    }
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, 'database unavailable or too slow');
      return sendProblem(request, reply, new AppError('service-unavailable', 'The database could not complete this request now (too slow, unreachable or a lock conflict); nothing was changed, retry shortly'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, new AppError('internal-error', 'An unexpected error occurred; quote the requestId when reporting it'));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = allowedMethods(path);
    if (allowed.length === 0) return sendProblem(request, reply, new AppError('route-not-found', `No route ${request.method} ${path}`));
    reply.header('allow', allowed.join(', '));
    return sendProblem(request, reply, new AppError('method-not-allowed', `${request.method} is not supported on ${path}; allowed: ${allowed.join(', ')}`));
  });
}
