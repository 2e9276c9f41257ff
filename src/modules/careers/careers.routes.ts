import { createHash, randomBytes } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../app-error.ts';
import { createPublicResponder } from '../../http/public-responses.ts';
import { problemTypes } from '../../http/problem-types.ts';
import { searchCursor, type BoardSearch, type BoardService } from '../jobs/index.ts';
import type { ApplyInput, PublicApplyForm } from '../recruiting/index.ts';
import { MAX_FILE_BYTES, UnreadableForm } from '../recruiting/index.ts';
import { careersFileRoutes } from './careers.files.routes.ts';
import { emptyForm, stateFromError } from './careers.form.ts';
import { jobPage, thanksPage } from './careers.job.view.ts';
import { messagePage } from './careers.layout.ts';
import { careersErrorHandler, HTML, htmlHeaders, pageOrgOf, personal, PUBLIC_CACHE, type PageOrgs } from './careers.replies.ts';
import { ApplyQuerySchema, CareersJobParamsSchema, CareersOrgParamsSchema, CareersSearchQuerySchema, type CareersSearchQuery } from './careers.schemas.ts';
import { searchPage, type SearchForm } from './careers.search.view.ts';

export interface CareersDeps extends PageOrgs {
  board: Pick<BoardService, 'org' | 'search' | 'job' | 'feed' | 'index'>;
  applying: PublicApplyForm;
  /** Absolute URLs (JSON-LD, canonical links, sitemap, feed) start here. */
  publicBaseUrl: string;
}

const open = { access: { public: true } } as const;

function formOf(query: CareersSearchQuery): SearchForm {
  return {
    q: query.q?.trim() ?? '', location: query.location?.trim() ?? '', workplace: query.workplace ?? '',
    employmentType: query.employmentType ?? '', department: query.department?.trim() ?? '', cursor: query.cursor ?? '',
  };
}

/** The form as the board's search takes it: only the filters given, so the JSON route's cache entries serve these pages too. */
function boardQuery(form: SearchForm): BoardSearch {
  const query: BoardSearch = {};
  if (form.q) query.q = form.q;
  if (form.location) query.location = form.location;
  if (form.workplace) query.workplace = form.workplace as BoardSearch['workplace'];
  if (form.employmentType) query.employmentType = form.employmentType as BoardSearch['employmentType'];
  if (form.department) query.department = form.department;
  if (form.cursor) query.after = searchCursor.decode(form.cursor, form.q !== '');
  return query;
}

/**
 * The idempotency key the service sees: the form's key (or an Idempotency-Key header) with the applicant's email, so a
 * double-click replays the first answer, while two people who loaded the same cached page can never share a key.
 */
function submissionKey(request: FastifyRequest, given: string | undefined, input: ApplyInput): string | undefined {
  const header = request.headers['idempotency-key'];
  const key = typeof header === 'string' ? header : given;
  if (!key) return undefined;
  const who = createHash('sha256').update((input.email ?? '').trim().toLowerCase()).digest('base64url').slice(0, 22);
  return `careers:${key}:${who}`;
}

/** The careers site: server-rendered HTML per org over the board's cached answers, and the apply form over the API's applying service. */
export function careersRoutes(deps: CareersDeps): FastifyPluginAsyncTypebox {
  const sendPublic = createPublicResponder(PUBLIC_CACHE);
  const jobUrl = (slug: string, id: string) => `${deps.publicBaseUrl}/careers/${slug}/jobs/${id}`;

  const pages: FastifyPluginAsyncTypebox = async (app) => {
    // As on the API's apply route: multipart is read only by the apply handler, within the job's form limits.
    await app.register(multipart, { throwFileSizeLimit: true, limits: { fileSize: MAX_FILE_BYTES, files: 0, fields: 0, parts: 0 } });
    app.setErrorHandler(careersErrorHandler(deps));
    app.setNotFoundHandler(async (_request, reply) =>
      personal(reply).code(404).send(messagePage(null, 'Page not found', 'There is no page at this address. Check the link you followed.')));
    await app.register(careersFileRoutes(deps));

    app.get('/:orgSlug', {
      config: open, schema: { hide: true, params: CareersOrgParamsSchema, querystring: CareersSearchQuerySchema },
    }, async (request, reply) => {
      const form = formOf(request.query);
      const query = boardQuery(form);
      const org = await pageOrgOf(deps, request.params.orgSlug);
      const page = await deps.board.search(org.slug, query);
      const next = page.next ? searchCursor.encode(page.next) : null;
      return sendPublic(request, htmlHeaders(reply), page, () => ({ body: searchPage(org, form, page.data, next), contentType: HTML }),
        `${org.branding.stamp}|${JSON.stringify(form)}`);
    });

    app.get('/:orgSlug/jobs/:jobId', {
      config: open, schema: { hide: true, params: CareersJobParamsSchema },
    }, async (request, reply) => {
      const { orgSlug, jobId } = request.params;
      const org = await pageOrgOf(deps, orgSlug);
      const job = await deps.board.job(orgSlug, jobId).catch(async (err: unknown) => {
        // The board knows only open jobs; the applying service tells a closed one (410) from an unknown one (404).
        if (err instanceof AppError && err.code === 'not-found') await deps.applying.target(orgSlug, jobId);
        throw err;
      });
      // One form key per rendered page: the page can be cached like the board's JSON (see submissionKey).
      return sendPublic(request, htmlHeaders(reply), job, () => ({
        body: jobPage(org, job, { state: emptyForm, privacyNoticeUrl: org.privacyNoticeUrl, submission: randomBytes(16).toString('base64url'), pageUrl: jobUrl(org.slug, job.id) }),
        contentType: HTML,
      }), `${org.branding.stamp}|${org.privacyNoticeUrl ?? ''}`);
    });

    app.post('/:orgSlug/jobs/:jobId/apply', {
      config: open,
      // Counted before the body is read, against the same limit as the API's apply route.
      onRequest: async (request, reply) => deps.applying.limit(request, reply),
      schema: { hide: true, params: CareersJobParamsSchema, querystring: ApplyQuerySchema },
    }, async (request, reply) => {
      const { orgSlug, jobId } = request.params;
      const org = await pageOrgOf(deps, orgSlug);
      const target = await deps.applying.target(orgSlug, jobId);
      if (!request.isMultipart()) throw new AppError('unsupported-media-type', 'Send the form as multipart/form-data');
      let input: ApplyInput | null = null;
      try {
        input = await deps.applying.read(request, target);
        await deps.applying.apply(target, input, submissionKey(request, request.query.submission, input));
        return personal(reply).redirect(`/careers/${org.slug}/jobs/${target.job.id}/thanks`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || problemTypes[err.code].status >= 500 || err.code === 'not-found') throw err;
        // The same key with other answers means this person's application was already taken with it.
        const error = err.code === 'idempotency-key-reused' ? new AppError('already-applied', err.detail) : err;
        const job = await deps.board.job(orgSlug, jobId).catch(() => null);
        if (!job) throw error;
        const state = stateFromError(error, err instanceof UnreadableForm ? err.partial : input);
        return personal(reply).code(problemTypes[error.code].status).send(jobPage(org, job, {
          state, privacyNoticeUrl: org.privacyNoticeUrl, submission: request.query.submission ?? randomBytes(16).toString('base64url'), pageUrl: jobUrl(org.slug, job.id),
        }));
      }
    });

    app.get('/:orgSlug/jobs/:jobId/thanks', {
      config: open, schema: { hide: true, params: CareersJobParamsSchema },
    }, async (request, reply) => {
      const org = await pageOrgOf(deps, request.params.orgSlug);
      const job = await deps.board.job(org.slug, request.params.jobId).catch(() => null);
      return personal(reply).send(thanksPage(org, job?.title ?? null));
    });
  };
  return async (root) => {
    await root.register(pages, { prefix: '/careers' });
  };
}
