import { AppError, notFound } from '../../../app-error.ts';
import { hashSecretToken, newSecretToken } from '../../../infra/crypto/secret-tokens.ts';
import type { Database } from '../../../infra/db/database.ts';
import { OidcError, type OidcClient, type OidcIdentity } from '../../../infra/oidc/oidc-client.ts';
import { auditActor, authorize, type Caller, type Principal } from '../../access/index.ts';
import type { AuditService, RequestOrigin } from '../../audit/index.ts';
import type { Org, OrgsService } from '../../orgs/index.ts';
import { toTokenPair, type AccountsRepo, type AdmitAccount, type PasswordCheck, type TokenPair } from '../accounts/index.ts';
import type { MembershipRepo } from '../membership/index.ts';
import type { SessionsRepo, SessionsService } from '../sessions/index.ts';
import { createSsoAccounts, ssoFailed } from './sso-accounts.service.ts';
import type { SsoConnectionRow, SsoRepo } from './sso.repo.ts';
import type { PutSsoConnectionInput, SsoConnection } from './sso.schemas.ts';

/** Long enough to type a password and pass MFA at the provider; short enough that a stale tab fails. */
const LOGIN_TTL_MS = 10 * 60_000;

export interface SsoDeps {
  /** `unscoped`: provider accounts and people span orgs, and expired sign-ins are swept across orgs. */
  database: Pick<Database, 'unscoped' | 'unscopedTransaction' | 'tenant'>;
  repo: SsoRepo;
  users: Pick<AccountsRepo, 'findUser' | 'findUserByEmail' | 'insertUser'>;
  memberships: Pick<MembershipRepo, 'findMembership' | 'insertMembership'>;
  sessionsRepo: Pick<SessionsRepo, 'revokePasswordSessionsInOrg'>;
  orgs: Pick<OrgsService, 'get' | 'findBySlug'>;
  sessions: Pick<SessionsService, 'start' | 'prepare'>;
  audit: Pick<AuditService, 'record'>;
  passwords: Pick<PasswordCheck, 'check'>;
  oidc: OidcClient;
  publicBaseUrl: string;
  log: { warn(details: object, message: string): void };
  clock?: () => Date;
}

export function createSsoService(deps: SsoDeps) {
  const { database, repo, users, memberships, sessionsRepo, orgs, sessions, audit, oidc, passwords, clock = () => new Date() } = deps;
  const accounts = createSsoAccounts({ repo, users, audit, clock });
  const redirectUriOf = (slug: string) => `${deps.publicBaseUrl}/v1/auth/oidc/${slug}/callback`;
  const settingsOf = (row: SsoConnectionRow) => ({ issuer: row.issuer, clientId: row.clientId, clientSecret: row.clientSecret });

  const toConnection = (row: SsoConnectionRow, org: Org): SsoConnection => ({
    // The schema that wrote defaultRole excludes owner.
    issuer: row.issuer, clientId: row.clientId, defaultRole: row.defaultRole as SsoConnection['defaultRole'], requireSso: row.requireSso,
    redirectUri: redirectUriOf(org.slug), signInUrl: `${deps.publicBaseUrl}/v1/auth/oidc/${org.slug}/start`,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  });

  async function connectionOfSlug(slug: string): Promise<{ org: Org; connection: SsoConnectionRow }> {
    const org = await orgs.findBySlug(slug);
    const connection = org ? await database.tenant(org.id, (tx) => repo.findConnection(org.id, tx)) : null;
    if (!org || !connection) throw notFound('Single sign-on for this organization');
    return { org, connection };
  }

  async function begin(slug: string, delivery: 'body' | 'cookie', linkUserId: string | null): Promise<{ redirectTo: string; browserToken: string }> {
    const { org, connection } = await connectionOfSlug(slug);
    let request;
    try {
      request = await oidc.authorizationRequest(settingsOf(connection), redirectUriOf(org.slug));
    } catch (err) {
      if (!(err instanceof OidcError)) throw err;
      throw new AppError('service-unavailable', 'The organization\'s identity provider cannot be reached; try again shortly');
    }
    const browser = newSecretToken('ssoBrowser');
    const now = clock();
    await database.tenant(org.id, (tx) => repo.insertLogin({
      stateHash: hashSecretToken(request.state), orgId: org.id, nonce: request.nonce, codeVerifier: request.codeVerifier,
      browserHash: browser.hash, delivery, linkUserId, expiresAt: new Date(now.getTime() + LOGIN_TTL_MS),
    }, tx));
    return { redirectTo: request.url.href, browserToken: browser.token };
  }

  return {
    async get(principal: Principal): Promise<SsoConnection> {
      const { orgId } = authorize(principal, 'org:manage');
      const row = await database.tenant(orgId, (tx) => repo.findConnection(orgId, tx));
      if (!row) throw notFound('Single sign-on connection');
      return toConnection(row, await orgs.get(orgId));
    },

    /** Registers (or replaces) the provider; the issuer must answer discovery now, not at the first sign-in. */
    async configure({ principal, origin }: Caller, input: PutSsoConnectionInput): Promise<SsoConnection> {
      const { orgId } = authorize(principal, 'org:manage');
      const { actor } = principal;
      // The issuer is kept exactly as given: some providers' identifiers end in a slash, and it must match theirs.
      const settings = { issuer: input.issuer, clientId: input.clientId, clientSecret: input.clientSecret };
      try {
        await oidc.check(settings);
      } catch (err) {
        if (!(err instanceof OidcError)) throw err;
        throw new AppError('validation-failed', err.message, { fields: [{ field: 'issuer', detail: 'has no reachable OpenID Connect discovery document' }] });
      }
      const now = clock();
      const row = await database.tenant(orgId, async (tx) => {
        const saved = await repo.upsertConnection({
          orgId, ...settings, defaultRole: input.defaultRole ?? 'viewer', requireSso: input.requireSso ?? false,
        }, now, tx);
        const ended = saved.requireSso ? await sessionsRepo.revokePasswordSessionsInOrg(orgId, 'sso-required', now, tx) : 0;
        await audit.record({
          orgId, action: 'sso.configured', actor: auditActor(actor), origin, target: { type: 'org', id: orgId },
          data: { issuer: saved.issuer, clientId: saved.clientId, defaultRole: saved.defaultRole, requireSso: saved.requireSso, endedPasswordSessions: ended },
        }, tx);
        return saved;
      });
      return toConnection(row, await orgs.get(orgId));
    },

    async remove({ principal, origin }: Caller): Promise<void> {
      const { orgId } = authorize(principal, 'org:manage');
      const { actor } = principal;
      await database.tenant(orgId, async (tx) => {
        if (!(await repo.deleteConnection(orgId, tx))) throw notFound('Single sign-on connection');
        await audit.record({ orgId, action: 'sso.removed', actor: auditActor(actor), origin, target: { type: 'org', id: orgId } }, tx);
      });
    },

    /**
     * Begins a sign-in: remembers state, nonce and PKCE verifier server-side, and returns the
     * provider URL plus a browser token the caller sets as a cookie, so the callback only
     * completes in the browser that started it (no logging a victim into an attacker's account).
     */
    start: (slug: string, delivery: 'body' | 'cookie') => begin(slug, delivery, null),

    /**
     * Begins a sign-in that links the provider account to an existing Hireline account, once its
     * owner proves the password (the same check, lockout and audit as signing in). The proof is a
     * fresh password rather than a session: it also works when the org requires SSO and password
     * sessions there are refused, and a stolen access token alone cannot attach a provider.
     */
    async startLink(slug: string, email: string, password: string, delivery: 'body' | 'cookie', origin: RequestOrigin, admit?: AdmitAccount) {
      await connectionOfSlug(slug);
      const user = await users.findUserByEmail(email.trim(), database.unscoped);
      const valid = await passwords.check(user, email, password, origin, 'sso-link', admit);
      if (!valid || !user) throw new AppError('unauthenticated', 'The email or password is incorrect');
      return begin(slug, delivery, user.id);
    },

    /**
     * Verifies the provider's answer (the callback's query string) and signs the person in, creating
     * their account or membership on first use; which account it may open is decided in sso-accounts.service.ts.
     */
    async complete(slug: string, callbackQuery: string, browserToken: string | null, origin: RequestOrigin): Promise<{ pair: TokenPair; delivery: 'body' | 'cookie' }> {
      const { org, connection } = await connectionOfSlug(slug);
      // openid-client checks the answer against the redirect URI we registered, so rebuild it from config, not Host.
      const callbackUrl = new URL(redirectUriOf(org.slug));
      callbackUrl.search = callbackQuery;
      const reject = async (detail: string, cause?: unknown) => {
        deps.log.warn({ err: cause, orgId: org.id }, `SSO sign-in refused: ${detail}`);
        await audit.record({ orgId: org.id, action: 'sso.login_failed', actor: { type: 'anonymous', id: null }, origin, data: { reason: detail } });
        return ssoFailed(detail);
      };
      const providerError = callbackUrl.searchParams.get('error');
      if (providerError) throw await reject(`The identity provider refused the sign-in (${providerError})`);
      const state = callbackUrl.searchParams.get('state') ?? '';
      const pending = state ? await database.tenant(org.id, (tx) => repo.takeLogin(hashSecretToken(state), org.id, clock(), tx)) : null;
      if (!pending) throw await reject('This sign-in is unknown, expired or already used; start again');
      if (!browserToken || hashSecretToken(browserToken) !== pending.browserHash) throw await reject('This sign-in was started in another browser; start again');
      let identity: OidcIdentity;
      try {
        identity = await oidc.complete(settingsOf(connection), callbackUrl, { state, nonce: pending.nonce, codeVerifier: pending.codeVerifier });
      } catch (err) {
        if (!(err instanceof OidcError)) throw err;
        throw await reject(err.message, err.cause);
      }
      if (identity.issuer !== connection.issuer) throw await reject('The ID token comes from another issuer');
      await sessions.prepare();
      // Provider accounts and people span orgs: linking and provisioning run unscoped.
      const pair = await database.unscopedTransaction(async (tx) => {
        const user = await accounts.resolve(identity, org, pending.linkUserId, tx, origin);
        let membership = await memberships.findMembership(org.id, user.id, tx);
        if (!membership) {
          await memberships.insertMembership({ orgId: org.id, userId: user.id, role: connection.defaultRole }, tx);
          membership = await memberships.findMembership(org.id, user.id, tx);
        }
        if (!membership) throw new Error('membership vanished inside its own transaction');
        const tokens = await sessions.start({ userId: user.id, orgId: org.id, role: membership.role, method: 'sso', origin }, tx);
        await audit.record({ orgId: org.id, action: 'auth.login', actor: { type: 'user', id: user.id }, origin, target: { type: 'session', id: tokens.sessionId }, data: { method: 'sso', issuer: identity.issuer } }, tx);
        return toTokenPair(tokens, user, org);
      }).catch(async (err: unknown) => {
        // The refusal rolled the transaction back (nothing created, linked or joined); its record must stay.
        if (err instanceof AppError && (err.code === 'sso-failed' || err.code === 'sso-account-exists')) {
          await audit.record({ orgId: org.id, action: 'sso.login_failed', actor: { type: 'anonymous', id: null }, origin, data: { reason: err.detail, issuer: identity.issuer, subject: identity.subject } });
        }
        throw err;
      });
      return { pair, delivery: pending.delivery };
    },

    deleteExpiredLogins: () => repo.deleteExpiredLogins(clock(), database.unscoped),
  };
}
export type SsoService = ReturnType<typeof createSsoService>;
