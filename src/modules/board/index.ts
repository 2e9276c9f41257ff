import { createMemoryCache } from '../../infra/cache/memory-cache.ts';
import { boardRoutes } from './board.routes.ts';
import { createBoardService, type BoardServiceDeps } from './board.service.ts';

export function createBoardModule(deps: Omit<BoardServiceDeps, 'cache'>) {
  const service = createBoardService({ ...deps, cache: createMemoryCache(10_000) });
  return { service, routes: boardRoutes(service) };
}
