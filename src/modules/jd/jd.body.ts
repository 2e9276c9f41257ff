/**
 * Request bodies for the routes that take raw job-description text: JSON `{ "text": ... }`, or the text
 * itself as text/plain, the natural way to paste a posting or send a file (`curl --data-binary @posting.txt`).
 */
import type { FastifyInstance } from 'fastify';
import type { TObject, TString } from 'typebox';
import { AppError } from '../../app-error.ts';

/**
 * Adds a text/plain parser and answers any other media type with a 415 naming the two accepted ones.
 * Call it inside an encapsulated plugin holding only text-taking routes: the rest of the API stays JSON-only.
 */
export function acceptPlainText(app: FastifyInstance): void {
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addContentTypeParser('*', (request, _payload, done) => {
    const given = (request.headers['content-type'] ?? 'none').slice(0, 100);
    done(new AppError('unsupported-media-type',
      `Content-Type ${given} is not accepted; send application/json as {"text": "..."} or text/plain with the posting itself`));
  });
}

/** One schema per media type, so validation and the OpenAPI document both show the two forms. */
export function textBodySchema(json: TObject, plain: TString) {
  return { content: { 'application/json': { schema: json }, 'text/plain': { schema: plain } } };
}

/** The posting text of a body already validated against textBodySchema. */
export function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  const text: unknown = body !== null && typeof body === 'object' && 'text' in body ? body.text : '';
  return typeof text === 'string' ? text : '';
}
