import { AppError } from '../../../app-error.ts';
import type { Database } from '../../../infra/db/database.ts';
import type { FailureLockout } from '../../../infra/rate-limit/rate-limiter.ts';
import type { AuditService, RequestOrigin } from '../../audit/index.ts';
import type { MembershipRepo } from '../membership/index.ts';
import type { AccountsRepo, UserRow } from './accounts.repo.ts';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password-hash.ts';

/** Which door the password was tried at; recorded with each failure. */
export type PasswordPath = 'login' | 'invitation' | 'sso-link' | 'password-change';

/** A per-account limit the caller applies (the HTTP layer's rate limiter); refuses by throwing. */
export type AdmitAccount = (accountKey: string) => Promise<void>;

export interface PasswordCheckDeps {
  /** `unscoped`: accounts and their memberships span orgs. */
  database: Pick<Database, 'unscoped'>;
  repo: Pick<AccountsRepo, 'setPassword'>;
  memberships: Pick<MembershipRepo, 'membershipsOf'>;
  audit: Pick<AuditService, 'record'>;
  lockout: FailureLockout;
  clock?: () => Date;
}

export const accountKey = (email: string): string => email.trim().toLowerCase();

/**
 * The one place a password is compared. Every path that takes a password (sign-in, invitation
 * acceptance, SSO linking, password change) goes through it, so a guesser meets the same lockout,
 * the same per-account limit and the same audit trail whichever door they knock on.
 */
export function createPasswordCheck({ database, repo, memberships: membershipRepo, audit, lockout, clock = () => new Date() }: PasswordCheckDeps) {
  return {
    /**
     * True when `password` is the account's. Throws rate-limited while the account is locked (even for
     * the right password). `user` null (no such email) does the same work and counts the same, so
     * neither timing nor lockouts reveal which emails have accounts.
     */
    async check(user: UserRow | null, email: string, password: string, origin: RequestOrigin, path: PasswordPath, admit?: AdmitAccount): Promise<boolean> {
      const key = accountKey(user?.email ?? email);
      await admit?.(key);
      const locked = await lockout.lockedFor(key);
      if (locked > 0) throw new AppError('rate-limited', `Too many failed sign-ins for this account; retry in ${locked} s`, { retryAfter: locked });
      const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
      if (user?.passwordHash && valid) {
        await lockout.succeed(key);
        if (needsRehash(user.passwordHash)) await repo.setPassword(user.id, await hashPassword(password), user.passwordChangedAt ?? clock(), database.unscoped);
        return true;
      }
      const lockedNow = await lockout.fail(key);
      // Recorded on its own, not in the caller's transaction: the refusal rolls that back.
      const memberships = user ? await membershipRepo.membershipsOf(user.id, database.unscoped) : [];
      await audit.record({
        orgId: memberships[0]?.orgId ?? null, action: lockedNow > 0 ? 'auth.locked_out' : 'auth.login_failed',
        actor: { type: 'anonymous', id: null }, origin, target: user ? { type: 'user', id: user.id } : undefined,
        data: { email: key, via: path, ...(lockedNow > 0 ? { lockedForSeconds: lockedNow } : {}) },
      });
      return false;
    },
  };
}
export type PasswordCheck = ReturnType<typeof createPasswordCheck>;
