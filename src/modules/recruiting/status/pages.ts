import type { FastifyReply } from 'fastify';
import { AppError } from '../../../app-error.ts';
import { problemTypes } from '../../../http/problem-types.ts';
import { messageHtml } from './status.html.ts';

export const HTML_TYPE = 'text/html; charset=utf-8';

/** The candidate's answers are theirs alone: no shared cache keeps them, no search engine lists them, and no link followed from them carries the token on. */
export const personal = (reply: FastifyReply): FastifyReply =>
  reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');

/** An error as a page a person reads, with the status the API would answer; anything unexpected goes to the app's error handler. */
export function failurePage(reply: FastifyReply, err: unknown): FastifyReply {
  if (!(err instanceof AppError)) throw err;
  const { status } = problemTypes[err.code];
  const page = (err.code === 'not-found' && err.detail === 'Status page was not found') || err.code === 'scheduling-link-invalid'
    ? messageHtml('This link does not work', 'It may have expired or been replaced by a newer one. Ask the organization that sent it for a new link.')
    : messageHtml('That did not work', err.detail);
  return personal(reply).code(status).type(HTML_TYPE).send(page);
}
