import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagMatches } from './preconditions.ts';

interface Representation {
  body: string;
  contentType: string;
  etag: string;
  variant: string;
}

/**
 * Sends public, cacheable answers: a strong ETag of the bytes, Cache-Control, and 304 for a
 * matching If-None-Match. The bytes are remembered per answer object, so a service that answers
 * from its cache (the same object each time) is serialized and hashed once, not on every request.
 */
export function createPublicResponder(cacheControl: string) {
  const representations = new WeakMap<object, Representation>();
  return function sendPublic(
    request: FastifyRequest,
    reply: FastifyReply,
    answer: object,
    render: () => { body: string; contentType: string },
    /** What else the bytes depend on besides the answer (a page's branding): a different variant renders again. */
    variant = '',
  ): FastifyReply {
    let representation = representations.get(answer);
    if (representation?.variant !== variant) {
      const { body, contentType } = render();
      representation = { body, contentType, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, variant };
      representations.set(answer, representation);
    }
    reply.header('etag', representation.etag).header('cache-control', cacheControl);
    if (etagMatches(request.headers['if-none-match'], representation.etag)) return reply.code(304).send();
    return reply.type(representation.contentType).send(representation.body);
  };
}

/** The route's own response schema for 200 serializes `payload`, exactly as returning it would. */
export const asJson = (reply: FastifyReply, payload: unknown) => (): { body: string; contentType: string } => {
  const out = reply.code(200).serialize(payload);
  // Fastify's typings allow a custom serializer's bytes; the schema serializer this app uses returns text.
  const body = typeof out === 'string' ? out : Buffer.isBuffer(out) ? out.toString('utf8') : Buffer.from(out).toString('utf8');
  return { body, contentType: 'application/json; charset=utf-8' };
};
