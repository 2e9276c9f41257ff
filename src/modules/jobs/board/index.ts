import { createMemoryCache } from '../../../infra/cache/memory-cache.ts';
import type { Database } from '../../../infra/db/database.ts';
import { createPublishedJobsService } from './board.published.service.ts';
import { boardRoutes } from './board.routes.ts';
import { createJobsSearchRepo } from './board.search.repo.ts';
import { createSearchWordsRepo } from './board.search.words.ts';
import { createSearchFacetsRepo } from './board.search.facets.ts';
import { createBoardService, type BoardServiceDeps } from './board.service.ts';

export type { PublishedJobsService, PublishedPosition } from './board.published.service.ts';
export type { ApplicationForm, BoardIndex, BoardSearch, BoardSearchPage, BoardService } from './board.service.ts';
export { searchCursor } from './board.cursor.ts';
export { renderRss } from './board.rss.ts';
export { descriptionHtml } from './board.jsonld.ts';
export { BoardSearchQuerySchema } from './board.schemas.ts';
export type { BoardJob, BoardJobSummary, BoardQuestion, BoardSearchQuery } from './board.schemas.ts';

/** The public board: search, job pages with JSON-LD and the RSS feed, over the jobs table's open jobs. */
export function createBoardModule(deps: Omit<BoardServiceDeps, 'pages' | 'orgCache' | 'published'> & {
  /** `unscoped`: ranking runs outside the org's wall, scoped by org in SQL (see rankPublished). */
  database: Pick<Database, 'kind' | 'tenant' | 'unscoped' | 'unscopedTransaction'>;
}) {
  const { database, ...rest } = deps;
  const published = createPublishedJobsService({ database, repo: createJobsSearchRepo(), words: createSearchWordsRepo(), facets: createSearchFacetsRepo() });
  const service = createBoardService({ ...rest, published, pages: createMemoryCache(10_000), orgCache: createMemoryCache(1_000) });
  return { service, routes: boardRoutes(service) };
}
