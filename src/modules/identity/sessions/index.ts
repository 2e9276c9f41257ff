// Sessions: signed-in devices, refresh-token rotation, access tokens and the keys that sign them.
export { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_TTL_SECONDS, createAccessTokens } from './access-tokens.ts';
export { createSessionsRepo, type SessionsRepo } from './sessions.repo.ts';
export { sessionsRoutes } from './sessions.routes.ts';
export { droppingChecks, droppingChecksOnMembership, type SessionCheck, type SessionChecks } from './session-checks.ts';
export { createSessionsService, type IssuedTokens, type SessionsService } from './sessions.service.ts';
export { sessionsTasks } from './sessions.tasks.ts';
export { createKeyRing, createMemorySigningKeyStore, generateSigningKey, type KeyRing } from './signing-keys.ts';
export { createSigningKeyRepo } from './signing-keys.repo.ts';
