import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { AppError } from '../app-error.ts';
import { problemType, problemTypes } from './problem-types.ts';
import type { Problem } from './schemas.ts';

// Node hands over the bytes read so far as a Buffer (Fastify's typings call it a JSON-ish object).
type ClientError = Error & { code?: string; rawPacket?: unknown };

function toAppError(err: ClientError): AppError {
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    return new AppError('headers-too-large', 'The request line and headers are larger than this server accepts; send fewer or shorter headers');
  }
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return new AppError('request-timeout', 'The request did not arrive in time');
  return new AppError('malformed-request', 'The request is not valid HTTP/1.1');
}

/** The request target, when the bytes read so far hold a sane request line; for the problem's `instance`. */
function targetOf(raw: unknown): string {
  const start = Buffer.isBuffer(raw) ? raw.subarray(0, 2100).toString('latin1') : '';
  const line = /^[A-Z]{1,16} (\/[\x21-\x7E]{0,2048}) HTTP\//.exec(start);
  return line?.[1]?.split('?')[0] ?? '/';
}

/**
 * Node's HTTP parser refuses some requests (an oversized header, bytes that are not HTTP) before
 * Fastify sees them; this answers those on the socket with the same problem+json every other error has.
 */
export function createClientErrorHandler(log: FastifyBaseLogger): (err: ClientError, socket: Socket) => void {
  return (err, socket) => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const error = toAppError(err);
    const { status, title } = problemTypes[error.code];
    const requestId = uuidv7();
    const body: Problem = {
      type: problemType(error.code), title, status, detail: error.detail, instance: targetOf(err.rawPacket), code: error.code, requestId,
    };
    log.info({ requestId, err: { code: err.code, message: err.message } }, 'client error before routing');
    const payload = JSON.stringify(body);
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    socket.end([
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? title}`,
      'content-type: application/problem+json',
      `content-length: ${Buffer.byteLength(payload)}`,
      `x-request-id: ${requestId}`,
      'connection: close',
      '',
      payload,
    ].join('\r\n'));
  };
}
