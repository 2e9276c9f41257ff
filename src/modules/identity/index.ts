import type { Config } from '../../config.ts';
import type { Database } from '../../infra/db/database.ts';
import { createMemoryFailureLockout, createMemoryRateLimiter } from '../../infra/rate-limit/rate-limiter.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { OrgsService } from '../orgs/orgs.service.ts';
import type { Mailer } from '../../infra/mail/mailer.ts';
import { createEmailLinksRepo } from './identity.email-links.repo.ts';
import { emailLinksRoutes } from './identity.email-links.routes.ts';
import { createEmailLinksService } from './identity.email-links.ts';
import { createKeyRing } from './identity.keys.ts';
import { createSigningKeyRepo } from './identity.keys.repo.ts';
import { createInvitationsRepo } from './identity.invitations.repo.ts';
import { createInvitationsService } from './identity.invitations.ts';
import { membersRoutes } from './identity.members.routes.ts';
import { createMembersService, type MembersDeps } from './identity.members.ts';
import { createPasswordCheck } from './identity.password-check.ts';
import { createIdentityRepo } from './identity.repo.ts';
import { identityRoutes } from './identity.routes.ts';
import { createIdentityService } from './identity.service.ts';
import { createSessionsService } from './identity.sessions.ts';
import { createSsoRepo } from './identity.sso.repo.ts';
import { ssoRoutes } from './identity.sso.routes.ts';
import { createSsoService } from './identity.sso.ts';
import { createOidcClient } from '../../infra/oidc/oidc-client.ts';
import { createAccessTokens } from './identity.tokens.ts';

/** Access tokens live 10 minutes: short enough that a leaked one soon expires, long enough to spare refreshes. */
export const ACCESS_TOKEN_TTL_SECONDS = 600;
export const ACCESS_TOKEN_AUDIENCE = 'hireline-api';

export function createIdentityModule(deps: {
  database: Database;
  orgs: Pick<OrgsService, 'insertOrg' | 'get' | 'findBySlug'>;
  audit: Pick<AuditService, 'record'>;
  mailer: Pick<Mailer, 'send'>;
  log: { error(details: object, message: string): void; warn(details: object, message: string): void };
  memberRemoved?: MembersDeps['onRemoved'];
  config: Pick<Config, 'publicBaseUrl' | 'appBaseUrl' | 'sessionTtlSeconds' | 'refreshIdleSeconds' | 'authRateLimitPerIp' | 'authRateLimitPerAccount'>;
}) {
  const { database, config } = deps;
  const repo = createIdentityRepo();
  const keys = createKeyRing({ store: createSigningKeyRepo(database.db), accessTtlSeconds: ACCESS_TOKEN_TTL_SECONDS });
  const tokens = createAccessTokens({ keys, issuer: config.publicBaseUrl, audience: ACCESS_TOKEN_AUDIENCE, ttlSeconds: ACCESS_TOKEN_TTL_SECONDS });
  const ssoRepo = createSsoRepo();
  const sessions = createSessionsService({
    database, repo, tokens, audit: deps.audit,
    ssoRequired: async (orgId, tx) => (await ssoRepo.findConnection(orgId, tx))?.requireSso ?? false,
    policy: { sessionTtlSeconds: config.sessionTtlSeconds, refreshIdleSeconds: config.refreshIdleSeconds },
  });
  const lockout = createMemoryFailureLockout({ failuresBeforeLock: 5, windowSeconds: 15 * 60, baseLockSeconds: 60, maxLockSeconds: 3600 });
  const emailLinks = createEmailLinksService({
    database, links: createEmailLinksRepo(), users: repo, ssoLinks: ssoRepo, audit: deps.audit, mailer: deps.mailer, appBaseUrl: config.appBaseUrl, log: deps.log,
  });
  const post = (message: Parameters<Mailer['send']>[0]) => {
    void deps.mailer.send(message).catch((err: unknown) => deps.log.error({ err }, 'sending email failed'));
  };
  // One lockout for every door a password is tried at.
  const passwords = createPasswordCheck({ database, repo, audit: deps.audit, lockout });
  const service = createIdentityService({ database, repo, orgs: deps.orgs, sessions, audit: deps.audit, passwords, emailLinks });
  const members = createMembersService({ database, repo, audit: deps.audit, onRemoved: deps.memberRemoved });
  const invitations = createInvitationsService({
    database, repo: createInvitationsRepo(), users: repo, orgs: deps.orgs, sessions, audit: deps.audit, passwords, post, appBaseUrl: config.appBaseUrl,
  });
  const sso = createSsoService({
    database, repo: ssoRepo, users: repo, orgs: deps.orgs, sessions, audit: deps.audit, passwords, oidc: createOidcClient(),
    publicBaseUrl: config.publicBaseUrl, log: deps.log,
  });
  const limits = {
    perIp: createMemoryRateLimiter({ keyPrefix: 'auth-ip', points: config.authRateLimitPerIp, durationSeconds: 60 }),
    perAccount: createMemoryRateLimiter({ keyPrefix: 'auth-account', points: config.authRateLimitPerAccount, durationSeconds: 60 }),
  };
  return {
    service, sessions, members, invitations, keys, emailLinks, sso,
    routes: [
      identityRoutes({ identity: service, sessions, limits, jwks: () => keys.jwks() }),
      membersRoutes(members, invitations, limits),
      emailLinksRoutes(emailLinks, limits),
      ssoRoutes(sso, { appBaseUrl: config.appBaseUrl, limits }),
    ],
  };
}
