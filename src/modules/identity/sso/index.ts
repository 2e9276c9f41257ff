// Single sign-on: an org's OpenID Connect provider, the accounts it may open, and linking.
export { createSsoRepo } from './sso.repo.ts';
export { ssoRoutes } from './sso.routes.ts';
export { createSsoService, type SsoService } from './sso.service.ts';
export { ssoTasks } from './sso.tasks.ts';
