import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createPublicResponder } from '../../http/public-responses.ts';
import { renderRss, type BoardService } from '../jobs/index.ts';
import { stylesheet, stylesheetUrl } from './careers.layout.ts';
import { pageOrgOf, PUBLIC_CACHE, type PageOrgs } from './careers.replies.ts';
import { CareersOrgParamsSchema } from './careers.schemas.ts';
import { robotsTxt, sitemapXml } from './careers.seo.ts';

const open = { access: { public: true } } as const;
const CSS = 'text/css; charset=utf-8';
/** A stylesheet asked for by its current version never changes; any other URL is served briefly. */
const FOREVER = 'public, max-age=31536000, immutable';
const StyleQuerySchema = Type.Object({ v: Type.Optional(Type.String({ maxLength: 64 })) });

/** The careers site's files: stylesheets, the RSS feed, the sitemap and robots.txt. */
export function careersFileRoutes(deps: PageOrgs & { board: Pick<BoardService, 'org' | 'feed' | 'index'>; publicBaseUrl: string }): FastifyPluginAsyncTypebox {
  const sendPublic = createPublicResponder(PUBLIC_CACHE);
  // One stylesheet per accent colour in use, built once.
  const sheets = new Map<string, string>();
  const sheetFor = (accent: string | null): string => {
    const key = accent ?? '';
    let sheet = sheets.get(key);
    if (sheet === undefined) {
      sheet = stylesheet(accent);
      if (sheets.size < 10_000) sheets.set(key, sheet);
    }
    return sheet;
  };
  const versionOf = (url: string) => new URL(url, 'http://x').searchParams.get('v');

  return async (app) => {
    app.get('/style.css', { config: open, schema: { hide: true, querystring: StyleQuerySchema } }, async (request, reply) =>
      reply.type(CSS).header('cache-control', request.query.v === versionOf(stylesheetUrl(null)) ? FOREVER : 'public, max-age=300').send(sheetFor(null)));

    app.get('/:orgSlug/style.css', { config: open, schema: { hide: true, params: CareersOrgParamsSchema, querystring: StyleQuerySchema } }, async (request, reply) => {
      const org = await pageOrgOf(deps, request.params.orgSlug);
      const current = request.query.v === versionOf(stylesheetUrl(org));
      return reply.type(CSS).header('cache-control', current ? FOREVER : 'public, max-age=60').send(sheetFor(org.branding.accentColor));
    });

    app.get('/:orgSlug/feed.xml', { config: open, schema: { hide: true, params: CareersOrgParamsSchema } }, async (request, reply) => {
      const feed = await deps.board.feed(request.params.orgSlug);
      const home = `${deps.publicBaseUrl}/careers/${feed.org.slug}`;
      // The board's feed, its links pointing at the careers pages rather than the JSON API.
      return sendPublic(request, reply, feed, () => ({
        body: renderRss({ ...feed, boardUrl: home, feedUrl: `${home}/feed.xml`, entries: feed.entries.map((e) => ({ ...e, url: `${home}/jobs/${e.job.id}` })) }),
        contentType: 'application/rss+xml; charset=utf-8',
      }));
    });

    app.get('/:orgSlug/sitemap.xml', { config: open, schema: { hide: true, params: CareersOrgParamsSchema } }, async (request, reply) => {
      const index = await deps.board.index(request.params.orgSlug);
      return sendPublic(request, reply, index, () => ({ body: sitemapXml(index, deps.publicBaseUrl), contentType: 'application/xml; charset=utf-8' }));
    });

    app.get('/:orgSlug/robots.txt', { config: open, schema: { hide: true, params: CareersOrgParamsSchema } }, async (request, reply) => {
      const org = await deps.board.org(request.params.orgSlug);
      return reply.type('text/plain; charset=utf-8').header('cache-control', PUBLIC_CACHE).send(robotsTxt(org.slug, deps.publicBaseUrl));
    });
  };
}
