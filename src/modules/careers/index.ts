import { careersRoutes, type CareersDeps } from './careers.routes.ts';

/**
 * The careers site (/careers/{orgSlug}): server-rendered pages for candidates, no account and no JavaScript needed.
 * It owns no data: it renders the board's cached answers, applies through recruiting's applying service, and reads
 * each org's branding from the orgs module.
 */
export function createCareersModule(deps: CareersDeps) {
  return { routes: careersRoutes(deps) };
}
