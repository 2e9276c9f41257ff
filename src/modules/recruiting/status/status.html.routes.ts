import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../app-error.ts';
import type { BookingService } from '../interviews/index.ts';
import { failurePage, HTML_TYPE, personal } from './pages.ts';
import { schedulingPageRoutes } from './scheduling.html.routes.ts';
import { notices, statusHtml, type Notice } from './status.html.ts';
import type { StatusService } from './status.service.ts';

const open = { access: { public: true } } as const;
const FORM_LIMIT_BYTES = 16 * 1024;

interface TokenParams { token: string }
interface ApplicationParams extends TokenParams { applicationId: string }
interface OfferParams extends TokenParams { offerId: string }

const isNotice = (value: unknown): value is Notice => typeof value === 'string' && Object.hasOwn(notices, value);

/** The page as HTML (GET /status/{token}, or GET /v1/status/{token} with Accept: text/html). */
export async function sendStatusHtml(service: StatusService, request: FastifyRequest, reply: FastifyReply, token: string): Promise<FastifyReply> {
  try {
    const page = await service.read(token);
    const done = (request.query as Record<string, unknown> | undefined)?.done;
    return personal(reply).type(HTML_TYPE).send(statusHtml(page, token, isNotice(done) ? done : null));
  } catch (err) {
    return failurePage(reply, err);
  }
}

/**
 * The status page's HTML and its plain forms (no JavaScript): each POST does what the JSON route does,
 * then sends the browser back to the page (303). No CSRF token is needed: the secret in the URL is
 * what authorizes, and another site cannot know it. Hidden from the OpenAPI document: it is for people.
 * The booking page of a self-scheduling link works the same way.
 */
export function statusHtmlRoutes(service: StatusService, booking: Pick<BookingService, 'view' | 'book'>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    const back = (reply: FastifyReply, token: string, notice: Notice) => personal(reply).redirect(`/status/${encodeURIComponent(token)}?done=${notice}`, 303);

    app.get<{ Params: TokenParams }>('/status/:token', { config: open, schema: { hide: true } }, async (request, reply) =>
      sendStatusHtml(service, request, reply, request.params.token));
    schedulingPageRoutes(app, booking);

    app.post<{ Params: ApplicationParams }>('/status/:token/applications/:applicationId/withdraw', { config: open, schema: { hide: true } }, async (request, reply) => {
      try {
        await service.withdraw(request.params.token, request.params.applicationId);
        return back(reply, request.params.token, 'withdrawn');
      } catch (err) {
        return failurePage(reply, err);
      }
    });

    for (const response of ['accept', 'decline'] as const) {
      app.post<{ Params: OfferParams; Body: Record<string, string> | undefined }>(`/status/:token/offers/:offerId/${response}`, { config: open, schema: { hide: true } }, async (request, reply) => {
        try {
          const note = request.body?.note?.trim() ?? '';
          if (note.length > 2000) throw new AppError('validation-failed', 'Please keep the note under 2,000 characters');
          await service.answerOffer(request.params.token, request.params.offerId, response, note || null);
          return back(reply, request.params.token, response === 'accept' ? 'offer-accepted' : 'offer-declined');
        } catch (err) {
          return failurePage(reply, err);
        }
      });
    }

    app.post<{ Params: TokenParams; Body: Record<string, string> | undefined }>('/status/:token/erasure-request', { config: open, schema: { hide: true } }, async (request, reply) => {
      try {
        const reason = request.body?.reason ?? '';
        if (reason.length > 1000) throw new AppError('validation-failed', 'Please keep the reason under 1,000 characters');
        await service.requestErasure(request.params.token, reason);
        return back(reply, request.params.token, 'erasure-requested');
      } catch (err) {
        return failurePage(reply, err);
      }
    });
  };
}
