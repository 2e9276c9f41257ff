import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../app-error.ts';
import { problemTypes } from '../../http/problem-types.ts';
import type { BoardService } from '../jobs/index.ts';
import type { BrandingService } from '../orgs/index.ts';
import { messagePage, type PageOrg } from './careers.layout.ts';

export const HTML = 'text/html; charset=utf-8';
/** Pages anyone may see: shared caches may keep them briefly, as the board's JSON. */
export const PUBLIC_CACHE = 'public, max-age=30, stale-while-revalidate=60';

/**
 * The careers pages load only their own stylesheet (and the org's https logo; `data:` for the empty icon that stops a
 * favicon request), run no script (JSON-LD is data, not
 * script) and post forms only here: stricter than the app-wide policy, which the API reference page needs looser.
 */
const CSP = "default-src 'none'; style-src 'self'; img-src 'self' https: data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export const htmlHeaders = (reply: FastifyReply): FastifyReply =>
  reply.type(HTML).header('content-security-policy', CSP).header('referrer-policy', 'strict-origin-when-cross-origin');

/** Pages holding what a candidate typed: kept by no cache and no history that another person could open. */
export const personal = (reply: FastifyReply): FastifyReply => htmlHeaders(reply).header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex');

export interface PageOrgs {
  board: Pick<BoardService, 'org'>;
  branding: Pick<BrandingService, 'forOrg'>;
}

export async function pageOrgOf(deps: PageOrgs, slug: string): Promise<PageOrg & { privacyNoticeUrl: string | null }> {
  const org = await deps.board.org(slug);
  return { name: org.name, slug: org.slug, privacyNoticeUrl: org.privacyNoticeUrl ?? null, branding: await deps.branding.forOrg(org.id) };
}

/** The org of the page that failed, when there is one to show (its header and link back); never a second error. */
async function orgOfRequest(deps: PageOrgs, request: FastifyRequest): Promise<PageOrg | null> {
  const slug = (request.params as { orgSlug?: unknown } | undefined)?.orgSlug;
  if (typeof slug !== 'string') return null;
  return pageOrgOf(deps, slug).catch(() => null);
}

/** What a person reads for each failure on a careers page. */
function explain(error: AppError): { title: string; detail: string; status: number; withOrg: boolean } {
  switch (error.code) {
    case 'not-found':
      return error.detail.startsWith('Board')
        ? { title: 'Page not found', detail: 'There is no careers site at this address. Check the link you followed.', status: 404, withOrg: false }
        : { title: 'Job not found', detail: 'This job is not open: it may have been filled or taken down.', status: 404, withOrg: true };
    case 'job-closed':
      return { title: 'This job is closed', detail: 'This job no longer accepts applications.', status: 410, withOrg: true };
    case 'rate-limited':
      return { title: 'Too many applications', detail: 'Too many applications came from your network in the last minute. Please wait a minute, go back and send the form again.', status: 429, withOrg: true };
    case 'validation-failed':
    case 'invalid-cursor':
      return { title: 'This page could not be shown', detail: 'The address holds a search or page this site cannot read. Start again from the jobs page.', status: 400, withOrg: true };
    case 'payload-too-large':
      return { title: 'Your application is too large', detail: 'Each file may be at most 10 MB. Go back, choose smaller files and send the form again.', status: 413, withOrg: true };
    default:
      return { title: 'Something went wrong', detail: error.detail, status: problemTypes[error.code].status, withOrg: true };
  }
}

/**
 * Errors on careers pages are pages, not problem+json: a browser shows what it is sent. Client mistakes keep their
 * status; anything unexpected is logged and a 500 page (quoting the request id) is shown.
 */
export function careersErrorHandler(deps: PageOrgs) {
  return async (error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const appError = error instanceof AppError ? error
      : 'validation' in error && error.validation ? new AppError('validation-failed', error.message)
        : error.statusCode === 413 ? new AppError('payload-too-large', error.message) : null;
    if (!appError || appError.code === 'internal-error' || appError.code === 'service-unavailable') {
      request.log.error({ err: error }, 'careers page failed');
      const status = appError?.code === 'service-unavailable' ? 503 : 500;
      return personal(reply).code(status).send(messagePage(null, 'Something went wrong', `This page could not be shown. Please try again in a moment (reference ${request.id}).`));
    }
    const { title, detail, status, withOrg } = explain(appError);
    if (appError.extras.retryAfter !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(appError.extras.retryAfter))));
    const org = withOrg ? await orgOfRequest(deps, request) : null;
    return personal(reply).code(status).send(messagePage(org, title, detail));
  };
}
