import { AppError, notFound } from '../../../app-error.ts';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from '../../../infra/crypto/secret-tokens.ts';
import type { Database, DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import { grantsOfRole, throttleLastUsed, type Principal, type Role } from '../../access/index.ts';
import type { AuditService, RequestOrigin } from '../../audit/index.ts';
import type { AccessTokens } from './access-tokens.ts';
import { sessionCheckTags, type SessionCheck, type SessionChecks } from './session-checks.ts';
import type { SessionRow, SessionsRepo } from './sessions.repo.ts';
import type { Session } from './sessions.schemas.ts';

export interface SessionPolicy {
  /** Absolute session lifetime: a session ends this long after sign-in, however often it refreshes. */
  sessionTtlSeconds: number;
  /** A refresh token unused this long expires, so an idle session ends sooner. */
  refreshIdleSeconds: number;
}

export interface SessionsDeps {
  /** `unscoped`: a person's sessions span their orgs, and a token is checked before its org is. */
  database: Pick<Database, 'unscoped' | 'unscopedTransaction'>;
  repo: SessionsRepo;
  tokens: Pick<AccessTokens, 'issue' | 'verify' | 'prepare'>;
  audit: Pick<AuditService, 'record'>;
  policy: SessionPolicy;
  /** True when the org lets its members (owners excepted) in only through its identity provider. */
  ssoRequired: (orgId: string, tx: DbExecutor) => Promise<boolean>;
  /** The per-request session check, cached for `checkTtlMs` (Redis when configured); ending a session drops it (session-checks.ts). */
  checks?: { cache: SessionChecks; ttlMs: number };
  clock?: () => Date;
}

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
  sessionId: string;
  role: Role;
}

/** Sessions, their refresh-token families, and the access tokens minted from them. */
export function createSessionsService({ database, repo, tokens, audit, policy, ssoRequired, checks, clock = () => new Date() }: SessionsDeps) {
  const touch = throttleLastUsed((sessionId, at) => repo.touchSession(sessionId, at, database.unscoped));

  async function mint(session: Pick<SessionRow, 'id' | 'userId' | 'orgId' | 'expiresAt'>, role: Role, tx: DbExecutor): Promise<IssuedTokens> {
    const now = clock();
    const { token: refreshToken, hash: refreshHash } = newSecretToken('refreshToken');
    const refreshExpiresAt = new Date(Math.min(now.getTime() + policy.refreshIdleSeconds * 1000, session.expiresAt.getTime()));
    await repo.insertRefreshToken({ hash: refreshHash, sessionId: session.id, expiresAt: refreshExpiresAt }, tx);
    const access = await tokens.issue({ sub: session.userId, org: session.orgId, sid: session.id, role });
    return { accessToken: access.token, expiresIn: access.expiresIn, refreshToken, refreshExpiresAt, sessionId: session.id, role };
  }

  const toSession = (row: SessionRow, currentId: string | null): Session => ({
    id: row.id, orgId: row.orgId, method: row.method, ip: row.ip, userAgent: row.userAgent,
    createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt.toISOString(), expiresAt: row.expiresAt.toISOString(),
    current: row.id === currentId,
  });

  return {
    /** Call before opening a transaction that will start a session (see signing-keys.ts). */
    prepare: (): Promise<void> => tokens.prepare(),

    /** Deletes refresh tokens past their expiry (they can no longer work, used or not); returns how many. */
    pruneRefreshTokens: (): Promise<number> => repo.deleteExpiredRefreshTokens(clock(), database.unscoped),

    /** Starts a session inside the caller's transaction (sign-up and login record their own audit events). */
    async start(input: { userId: string; orgId: string; role: Role; method: SessionRow['method']; origin: RequestOrigin }, tx: DbExecutor): Promise<IssuedTokens> {
      // The one gate every password sign-in passes (login, invitation), so the SSO rule has no way around it.
      if (input.method === 'password' && input.role !== 'owner' && await ssoRequired(input.orgId, tx)) {
        throw new AppError('sso-required', 'This organization requires single sign-on through its identity provider');
      }
      const now = clock();
      const session = {
        id: newId('ses'), userId: input.userId, orgId: input.orgId, method: input.method,
        ip: input.origin.ip, userAgent: input.origin.userAgent?.slice(0, 500) ?? null,
        createdAt: now, lastUsedAt: now, expiresAt: new Date(now.getTime() + policy.sessionTtlSeconds * 1000),
      };
      await repo.insertSession(session, tx);
      return mint(session, input.role, tx);
    },

    /**
     * Rotates a refresh token. A token presented twice means it leaked: the whole session ends.
     * `admit` sees whose session it is before anything changes and may refuse (a per-account limit);
     * a refusal rolls back, so the token still works once the caller may retry.
     */
    async refresh(refreshToken: string, origin: RequestOrigin, admit?: (userId: string) => Promise<void>): Promise<IssuedTokens> {
      const invalid = new AppError('unauthenticated', 'The refresh token is invalid, expired or already used; sign in again');
      if (!looksLikeSecretToken('refreshToken', refreshToken)) throw invalid;
      await tokens.prepare();
      const outcome = await database.unscopedTransaction(async (tx) => {
        const now = clock();
        const claimed = await repo.claimRefreshToken(hashSecretToken(refreshToken), now, tx);
        if (!claimed) return null;
        const live = await repo.findLiveSession(claimed.sessionId, now, tx);
        if (claimed.usedAt) {
          if (live) {
            await repo.revokeSession(claimed.sessionId, 'refresh-token-reused', now, tx);
            await audit.record({
              orgId: live.session.orgId, action: 'auth.refresh_reused', actor: { type: 'anonymous', id: null }, origin,
              target: { type: 'session', id: claimed.sessionId }, data: { userId: live.session.userId },
            }, tx);
          }
          return 'reused' as const;
        }
        if (!live || claimed.expiresAt <= now) return null;
        await admit?.(live.session.userId);
        await repo.touchSession(live.session.id, now, tx);
        return mint(live.session, live.role, tx);
      });
      // The revocation above must commit, so the reuse is answered after the transaction rather than thrown inside it.
      if (outcome === null || outcome === 'reused') throw invalid;
      return outcome;
    },

    /** Access token → principal. The session must still be live and the role is read now, so a logout or a role change applies at once. */
    async authenticate(accessToken: string): Promise<Principal | null> {
      const claims = await tokens.verify(accessToken);
      if (!claims) return null;
      const now = clock();
      // Finding the caller precedes acting in an org, as API key lookups do: one statement on the owner's
      // connection (this runs on every request), and the org is checked against the token's claim below.
      const tags = sessionCheckTags({ sessionId: claims.sid, userId: claims.sub, orgId: claims.org });
      let live: SessionCheck | undefined = await checks?.cache.get(claims.sid, tags);
      if (!live || live.expiresAt <= now.getTime()) {
        const found = await repo.findLiveSession(claims.sid, now, database.unscoped);
        if (!found) return null;
        live = { userId: found.session.userId, orgId: found.session.orgId, sessionId: found.session.id, role: found.role, expiresAt: found.session.expiresAt.getTime() };
        if (checks) await checks.cache.set(claims.sid, live, tags, Math.min(checks.ttlMs, live.expiresAt - now.getTime()));
      }
      if (live.userId !== claims.sub || live.orgId !== claims.org) return null;
      touch(claims.sid, now);
      return {
        orgId: live.orgId,
        actor: { kind: 'user', userId: live.userId, sessionId: live.sessionId, role: live.role },
        grants: grantsOfRole(live.role),
      };
    },

    /** A person's sessions in every org they belong to, so unscoped. */
    async list(userId: string, currentSessionId: string | null): Promise<Session[]> {
      return (await repo.liveSessionsOf(userId, clock(), database.unscoped)).map((row) => toSession(row, currentSessionId));
    },

    async end(user: { userId: string; orgId: string; origin: RequestOrigin }, sessionId: string, reason: 'logout' | 'revoked'): Promise<void> {
      await database.unscopedTransaction(async (tx) => {
        const now = clock();
        const mine = (await repo.liveSessionsOf(user.userId, now, tx)).some((s) => s.id === sessionId);
        if (!mine || !(await repo.revokeSession(sessionId, reason, now, tx))) throw notFound('Session');
        await audit.record({
          orgId: user.orgId, action: reason === 'logout' ? 'auth.logout' : 'session.revoked', actor: { type: 'user', id: user.userId },
          origin: user.origin, target: { type: 'session', id: sessionId },
        }, tx);
      });
    },

    /** Ends every session of the user, or every one but `except`; returns how many ended. */
    async endAll(user: { userId: string; orgId: string; origin: RequestOrigin }, except: string | null, reason: string, tx?: DbExecutor): Promise<number> {
      const run = async (t: DbExecutor) => {
        const ended = await repo.revokeSessionsOf(user.userId, reason, clock(), except ? { except } : {}, t);
        if (reason === 'logout-everywhere') {
          await audit.record({ orgId: user.orgId, action: 'auth.logout_everywhere', actor: { type: 'user', id: user.userId }, origin: user.origin, data: { ended } }, t);
        }
        return ended;
      };
      return tx ? run(tx) : database.unscopedTransaction(run);
    },
  };
}
export type SessionsService = ReturnType<typeof createSessionsService>;
