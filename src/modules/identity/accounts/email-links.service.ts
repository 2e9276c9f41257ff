import { AppError } from '../../../app-error.ts';
import { hashSecretToken, newSecretToken } from '../../../infra/crypto/secret-tokens.ts';
import type { Database, DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import type { AuditAction, AuditService, RequestOrigin } from '../../audit/index.ts';
import type { MailOutbox, OutgoingMessage } from '../../mail/index.ts';
import type { MembershipRepo } from '../membership/index.ts';
import type { SessionsRepo } from '../sessions/index.ts';
import type { AccountsRepo } from './accounts.repo.ts';
import type { EmailLinkPurpose, EmailLinksRepo } from './email-links.repo.ts';
import { hashPassword } from './password-hash.ts';
import { assertStrong } from './password-policy.ts';

const VERIFY_TTL_MS = 48 * 3_600_000;
/** A reset link is a password in the mailbox; an hour is enough to use it and short to steal it. */
const RESET_TTL_MS = 3_600_000;

export interface EmailLinksDeps {
  /** `unscoped`: users and their links belong to no org. */
  database: Pick<Database, 'unscoped' | 'unscopedTransaction'>;
  links: EmailLinksRepo;
  users: AccountsRepo;
  memberships: Pick<MembershipRepo, 'membershipsOf'>;
  sessions: Pick<SessionsRepo, 'revokeSessionsOf'>;
  /** Drops a user's single sign-on links in the caller's transaction; returns how many there were. */
  unlinkProviders: (userId: string, tx: DbExecutor) => Promise<number>;
  audit: Pick<AuditService, 'record'>;
  /** Queues an email in the transaction of the link it carries. */
  mail: Pick<MailOutbox, 'queue'>;
  appBaseUrl: string;
  log: { error(details: object, message: string): void };
  clock?: () => Date;
}

const invalidLink = () => new AppError('validation-failed', 'The link is invalid, expired or already used; ask for a new one', {
  fields: [{ field: 'token', detail: 'is invalid, expired or already used' }],
});

/**
 * Email verification and password reset. Mail goes out after the answer: the caller never waits
 * on SMTP, and a reset request for an unknown address looks and takes the same as a real one.
 */
export function createEmailLinksService(deps: EmailLinksDeps) {
  const { database, links, users, memberships: membershipRepo, sessions, unlinkProviders, audit, mail, clock = () => new Date() } = deps;

  const inBackground = (what: string, work: () => Promise<void>): void => {
    void work().catch((err: unknown) => deps.log.error({ err }, `${what} failed`));
  };

  /** A new link and the email carrying it, in one transaction: the token is never stored without its email, nor the email lost. */
  async function issue(userId: string, email: string, purpose: EmailLinkPurpose, ttlMs: number, message: (token: string) => OutgoingMessage): Promise<void> {
    const { token, hash } = newSecretToken(purpose === 'reset-password' ? 'passwordReset' : 'emailVerification');
    const now = clock();
    await database.unscopedTransaction(async (tx) => {
      await links.spendOutstanding(userId, purpose, now, tx);
      await links.insert({ id: newId('eml'), userId, purpose, email, tokenHash: hash, expiresAt: new Date(now.getTime() + ttlMs) }, tx);
      await mail.queue(tx, message(token));
    });
  }

  /** Security events about a person, not an org: every org they belong to sees them. */
  async function recordForOrgsOf(userId: string, action: AuditAction, origin: RequestOrigin, data: Record<string, unknown> = {}): Promise<void> {
    // A person's memberships across orgs, and users and links belong to no org: unscoped.
    const memberships = await membershipRepo.membershipsOf(userId, database.unscoped);
    for (const { orgId } of memberships) {
      await audit.record({ orgId, action, actor: { type: 'user', id: userId }, origin, target: { type: 'user', id: userId }, data });
    }
  }

  const link = (path: string, token: string) => `${deps.appBaseUrl}${path}?token=${encodeURIComponent(token)}`;

  return {
    /** Mails a verification link unless the address is already verified. */
    sendVerification(userId: string): void {
      inBackground('verification email', async () => {
        const user = await users.findUser(userId, database.unscoped);
        if (!user || user.emailVerifiedAt) return;
        await issue(user.id, user.email, 'verify-email', VERIFY_TTL_MS, (token) => ({
          orgId: null, template: 'verify-email', to: user.email, subjectIds: [user.id],
          data: { user: { name: user.name }, url: link('/verify-email', token), token },
        }));
      });
    },

    async confirmVerification(token: string, origin: RequestOrigin): Promise<void> {
      const claimed = await links.claim(hashSecretToken(token), 'verify-email', clock(), database.unscoped);
      if (!claimed) throw invalidLink();
      if (!(await users.markEmailVerified(claimed.userId, claimed.email, clock(), database.unscoped))) {
        throw new AppError('conflict', 'The account no longer uses the address this link was sent to');
      }
      await recordForOrgsOf(claimed.userId, 'auth.email_verified', origin, { email: claimed.email });
    },

    /** Always answers the same way; the work and the mail happen after the answer. */
    requestPasswordReset(email: string, origin: RequestOrigin): void {
      inBackground('password reset email', async () => {
        const user = await users.findUserByEmail(email.trim(), database.unscoped);
        if (!user) return;
        await issue(user.id, user.email, 'reset-password', RESET_TTL_MS, (token) => ({
          orgId: null, template: 'password-reset', to: user.email, subjectIds: [user.id],
          data: { user: { name: user.name }, url: link('/reset-password', token), token },
        }));
        await recordForOrgsOf(user.id, 'auth.password_reset_requested', origin);
      });
    },

    /**
     * Sets the new password, ends every session, and counts as proof of the mailbox. It also drops
     * the account's single sign-on links: an org's provider may have made this account for an
     * address it does not own before its real owner arrived, and must not keep a way in to an
     * account the mailbox's owner now holds (they link again with their password if they wish).
     */
    async resetPassword(token: string, newPassword: string, origin: RequestOrigin): Promise<{ endedSessions: number }> {
      const hash = hashSecretToken(token);
      const now = clock();
      // Check the link before spending argon2 work on the password.
      const result = await database.unscopedTransaction(async (tx) => {
        const claimed = await links.claim(hash, 'reset-password', now, tx);
        if (!claimed) throw invalidLink();
        const user = await users.findUser(claimed.userId, tx);
        if (!user) throw invalidLink();
        assertStrong(newPassword, { email: user.email, name: user.name }, 'newPassword');
        await users.setPassword(user.id, await hashPassword(newPassword), now, tx);
        await users.markEmailVerified(user.id, claimed.email, now, tx);
        const endedSessions = await sessions.revokeSessionsOf(user.id, 'password-reset', now, {}, tx);
        const unlinkedProviders = await unlinkProviders(user.id, tx);
        return { userId: user.id, endedSessions, unlinkedProviders };
      });
      await recordForOrgsOf(result.userId, 'auth.password_reset', origin, { endedSessions: result.endedSessions, unlinkedProviders: result.unlinkedProviders });
      return { endedSessions: result.endedSessions };
    },
  };
}
export type EmailLinksService = ReturnType<typeof createEmailLinksService>;
