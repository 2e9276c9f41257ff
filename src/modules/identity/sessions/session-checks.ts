import type { TaggedCache } from '../../../infra/cache/tagged-cache.ts';
import type { Role } from '../../access/index.ts';
import type { MembershipRepo } from '../membership/index.ts';
import type { SessionsRepo } from './sessions.repo.ts';

/** What a request's session check found, as the cache keeps it. */
export interface SessionCheck {
  userId: string;
  orgId: string;
  sessionId: string;
  role: Role;
  /** Epoch milliseconds: past this the session has ended whatever the cache says. */
  expiresAt: number;
}

export type SessionChecks = TaggedCache<SessionCheck>;

/** The tags a check carries: ending the session, anything about its user (role, membership) or its org's sign-in rule drops it. */
export const sessionCheckTags = (check: { sessionId: string; userId: string; orgId: string }): string[] => [
  `session:${check.sessionId}`, `user:${check.userId}`, `org:${check.orgId}`,
];

type Log = { warn(details: object, message: string): void };

/**
 * Every way a session ends or its role changes, dropping the cached checks it touches as it happens,
 * inside the transaction: the cache then refuses to store them again for a while, so a check that read
 * the database just before the commit cannot put the old answer back. If the cache is unreachable,
 * its entries expire within their short TTL.
 */
export function droppingChecks<R extends Pick<SessionsRepo, 'revokeSession' | 'revokeSessionsOf' | 'revokePasswordSessionsInOrg'>>(
  repo: R, checks: SessionChecks, log: Log,
): R {
  const drop = (tags: string[]) => checks.revoke(tags).catch((err: unknown) => {
    log.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, 'session-check cache unreachable; cached checks expire within their TTL');
  });
  return {
    ...repo,
    async revokeSession(id, reason, at, tx) {
      await drop([`session:${id}`]);
      return repo.revokeSession(id, reason, at, tx);
    },
    async revokeSessionsOf(userId, reason, at, options, tx) {
      await drop([`user:${userId}`]);
      return repo.revokeSessionsOf(userId, reason, at, options, tx);
    },
    async revokePasswordSessionsInOrg(orgId, reason, at, tx) {
      await drop([`org:${orgId}`]);
      return repo.revokePasswordSessionsInOrg(orgId, reason, at, tx);
    },
  };
}

/** A role change or a removal from an org changes what the user's sessions may do: their cached checks go. */
export function droppingChecksOnMembership<M extends Pick<MembershipRepo, 'setRole' | 'deleteMembership'>>(memberships: M, checks: SessionChecks, log: Log): M {
  const drop = (userId: string) => checks.revoke([`user:${userId}`]).catch((err: unknown) => {
    log.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, 'session-check cache unreachable; cached checks expire within their TTL');
  });
  const setRole: MembershipRepo['setRole'] = async (orgId, userId, role, tx) => {
    await drop(userId);
    return memberships.setRole(orgId, userId, role, tx);
  };
  const deleteMembership: MembershipRepo['deleteMembership'] = async (orgId, userId, tx) => {
    await drop(userId);
    return memberships.deleteMembership(orgId, userId, tx);
  };
  return { ...memberships, setRole, deleteMembership };
}
