import type { Config } from '../../config.ts';
import type { Database } from '../../infra/db/database.ts';
import { createOidcClient } from '../../infra/oidc/oidc-client.ts';
import { createFailureLockout, createRateLimiter, type RateLimitStore } from '../../infra/rate-limit/rate-limiter.ts';
import type { AuditService } from '../audit/index.ts';
import type { MailOutbox } from '../mail/index.ts';
import type { OrgsService } from '../orgs/index.ts';
import {
  accountsRoutes, createAccountsRepo, createAccountsService, createEmailLinksRepo, createEmailLinksService, createPasswordCheck, emailLinksRoutes,
} from './accounts/index.ts';
import { createInvitationsRepo, createInvitationsService, createMembershipRepo, createMembersService, membershipRoutes, type MembersDeps } from './membership/index.ts';
import {
  ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_TTL_SECONDS, createAccessTokens, createKeyRing, createSessionsRepo, createSessionsService, createSigningKeyRepo,
  droppingChecks, droppingChecksOnMembership, sessionsRoutes, sessionsTasks, type SessionChecks,
} from './sessions/index.ts';
import { createSsoRepo, createSsoService, ssoRoutes, ssoTasks } from './sso/index.ts';

export { ACCESS_TOKEN_TTL_SECONDS, type SessionCheck } from './sessions/index.ts';

/** People and how they get in: accounts, sessions, membership of orgs, single sign-on. */
export function createIdentityModule(deps: {
  database: Pick<Database, 'unscoped' | 'unscopedTransaction' | 'tenant'>;
  orgs: Pick<OrgsService, 'insertOrg' | 'get' | 'findBySlug'>;
  audit: Pick<AuditService, 'record'>;
  /** The account and invitation emails, queued in the transaction of the token they carry. */
  mail: Pick<MailOutbox, 'queue'>;
  log: { error(details: object, message: string): void; warn(details: object, message: string): void };
  memberRemoved?: MembersDeps['onRemoved'];
  /** Where rate-limit and lockout counts live (Redis when configured). */
  rateLimits?: RateLimitStore;
  /** The per-request session check's cache (Redis when configured) and how long it trusts an entry. */
  sessionChecks?: { cache: SessionChecks; ttlMs: number };
  config: Pick<Config, 'publicBaseUrl' | 'appBaseUrl' | 'sessionTtlSeconds' | 'refreshIdleSeconds' | 'authRateLimitPerIp' | 'authRateLimitPerAccount'
    | 'expirySweepIntervalMs' | 'signingKeyRotationDays'>;
}) {
  const { database, config, audit } = deps;
  const users = createAccountsRepo();
  // With a session-check cache, every way a session ends or a role changes drops what it cached.
  const checks = deps.sessionChecks;
  const memberships = checks ? droppingChecksOnMembership(createMembershipRepo(), checks.cache, deps.log) : createMembershipRepo();
  const sessionsRepo = checks ? droppingChecks(createSessionsRepo(), checks.cache, deps.log) : createSessionsRepo();
  const ssoRepo = createSsoRepo();

  // Signing keys belong to no org; the key ring reads and writes them outside any org's wall.
  const keys = createKeyRing({ store: createSigningKeyRepo(database.unscoped), accessTtlSeconds: ACCESS_TOKEN_TTL_SECONDS });
  const tokens = createAccessTokens({ keys, issuer: config.publicBaseUrl, audience: ACCESS_TOKEN_AUDIENCE, ttlSeconds: ACCESS_TOKEN_TTL_SECONDS });
  const sessions = createSessionsService({
    database, repo: sessionsRepo, tokens, audit, checks,
    ssoRequired: async (orgId, tx) => (await ssoRepo.findConnection(orgId, tx))?.requireSso ?? false,
    policy: { sessionTtlSeconds: config.sessionTtlSeconds, refreshIdleSeconds: config.refreshIdleSeconds },
  });
  // One lockout for every door a password is tried at.
  const lockout = createFailureLockout({ failuresBeforeLock: 5, windowSeconds: 15 * 60, baseLockSeconds: 60, maxLockSeconds: 3600 }, deps.rateLimits);
  const passwords = createPasswordCheck({ database, repo: users, memberships, audit, lockout });
  const emailLinks = createEmailLinksService({
    database, links: createEmailLinksRepo(), users, memberships, sessions: sessionsRepo, unlinkProviders: ssoRepo.unlinkUser,
    audit, mail: deps.mail, appBaseUrl: config.appBaseUrl, log: deps.log,
  });
  const accounts = createAccountsService({ database, repo: users, memberships, orgs: deps.orgs, sessions, audit, passwords, emailLinks });
  const members = createMembersService({ database, repo: memberships, sessions: sessionsRepo, audit, onRemoved: deps.memberRemoved });
  const invitations = createInvitationsService({
    database, repo: createInvitationsRepo(), users, memberships, orgs: deps.orgs, sessions, audit, passwords, mail: deps.mail, appBaseUrl: config.appBaseUrl,
  });
  const sso = createSsoService({
    database, repo: ssoRepo, users, memberships, sessionsRepo, orgs: deps.orgs, sessions, audit, passwords, oidc: createOidcClient(),
    publicBaseUrl: config.publicBaseUrl, log: deps.log,
  });
  const limits = {
    perIp: createRateLimiter({ keyPrefix: 'auth-ip', points: config.authRateLimitPerIp, durationSeconds: 60 }, deps.rateLimits),
    perAccount: createRateLimiter({ keyPrefix: 'auth-account', points: config.authRateLimitPerAccount, durationSeconds: 60 }, deps.rateLimits),
  };
  return {
    accounts, sessions, members, invitations, keys, emailLinks, sso,
    tasks: [
      ...sessionsTasks({ sessions, keys, signingKeyRotationDays: config.signingKeyRotationDays }),
      ...ssoTasks({ sso, everyMs: config.expirySweepIntervalMs }),
    ],
    routes: [
      accountsRoutes(accounts, limits),
      sessionsRoutes({ sessions, limits, jwks: () => keys.jwks() }),
      membershipRoutes(members, invitations, limits),
      emailLinksRoutes(emailLinks, limits),
      ssoRoutes(sso, { appBaseUrl: config.appBaseUrl, limits }),
    ],
  };
}
