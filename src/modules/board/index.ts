import { createMemoryCache } from '../../infra/cache/memory-cache.ts';
import { boardRoutes } from './board.routes.ts';
import { createBoardService, type BoardServiceDeps } from './board.service.ts';

export function createBoardModule(deps: Omit<BoardServiceDeps, 'pages' | 'orgCache'>) {
  const service = createBoardService({ ...deps, pages: createMemoryCache(10_000), orgCache: createMemoryCache(1_000) });
  return { service, routes: boardRoutes(service) };
}
