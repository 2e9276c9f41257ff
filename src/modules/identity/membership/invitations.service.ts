import { AppError, notFound } from '../../../app-error.ts';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from '../../../infra/crypto/secret-tokens.ts';
import type { Database } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import { auditActor, authorize, canAssignRole, roleOfActor, type Caller, type Principal, type Role } from '../../access/index.ts';
import type { AuditService, RequestOrigin } from '../../audit/index.ts';
import type { MailOutbox } from '../../mail/index.ts';
import type { OrgsService } from '../../orgs/index.ts';
import {
  assertStrong, hashPassword, toTokenPair, type AccountsRepo, type AdmitAccount, type PasswordCheck, type TokenPair,
} from '../accounts/index.ts';
import type { SessionsService } from '../sessions/index.ts';
import type { InvitationRow, InvitationsRepo } from './invitations.repo.ts';
import type { MembershipRepo } from './membership.repo.ts';
import type { AcceptInvitationInput, Invitation } from './membership.schemas.ts';

const INVITATION_TTL_MS = 7 * 86_400_000;

export interface InvitationsDeps {
  /** `unscoped`: an invitation's token names its org, and joining may create an account, which belongs to no org. */
  database: Pick<Database, 'unscoped' | 'unscopedTransaction' | 'tenant'>;
  repo: InvitationsRepo;
  users: Pick<AccountsRepo, 'findUserByEmail' | 'insertUser'>;
  memberships: Pick<MembershipRepo, 'findMembership' | 'insertMembership'>;
  orgs: Pick<OrgsService, 'get'>;
  sessions: Pick<SessionsService, 'start' | 'prepare'>;
  audit: Pick<AuditService, 'record'>;
  passwords: Pick<PasswordCheck, 'check'>;
  /** Queues the invitation email in the transaction that makes the invitation. */
  mail: Pick<MailOutbox, 'queue'>;
  appBaseUrl: string;
  clock?: () => Date;
}

export function createInvitationsService({ database, repo, users, memberships, orgs, sessions, audit, passwords, mail, appBaseUrl, clock = () => new Date() }: InvitationsDeps) {
  const toInvitation = (row: InvitationRow): Invitation => {
    const now = clock();
    const status = row.acceptedAt ? 'accepted' : row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'pending';
    return {
      id: row.id, email: row.email, role: row.role, status, invitedBy: row.invitedBy,
      createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString(), acceptedAt: row.acceptedAt?.toISOString() ?? null,
    };
  };

  return {
    /** The token is returned once, for the inviter to send; only its hash is kept. */
    async create({ principal, origin }: Caller, input: { email: string; role: Role }): Promise<{ invitation: Invitation; token: string }> {
      const { orgId } = authorize(principal, 'members:manage');
      const { actor } = principal;
      if (!canAssignRole(roleOfActor(actor), input.role)) throw new AppError('forbidden', 'Only an owner can invite an owner');
      const org = await orgs.get(orgId);
      const created = await database.tenant(orgId, async (tx) => {
        const existing = await users.findUserByEmail(input.email.trim(), tx);
        if (existing && (await memberships.findMembership(orgId, existing.id, tx))) throw new AppError('conflict', 'That person is already a member');
        const { token, hash } = newSecretToken('invitation');
        const row = await repo.insert({
          id: newId('inv'), orgId, email: input.email.trim(), role: input.role, tokenHash: hash,
          invitedBy: actor.kind === 'user' ? actor.userId : null, expiresAt: new Date(clock().getTime() + INVITATION_TTL_MS),
        }, tx);
        await audit.record({ orgId, action: 'invitation.created', actor: auditActor(actor), origin, target: { type: 'invitation', id: row.id }, data: { email: row.email, role: row.role } }, tx);
        await mail.queue(tx, {
          orgId, template: 'invitation', to: row.email, subjectIds: [row.id],
          data: { org: { name: org.name }, role: row.role.replace('_', ' '), url: `${appBaseUrl}/accept-invitation?token=${encodeURIComponent(token)}`, token },
        });
        return { invitation: toInvitation(row), token };
      });
      return created;
    },

    async list(principal: Principal): Promise<Invitation[]> {
      const { orgId } = authorize(principal, 'members:manage');
      return (await database.tenant(orgId, (tx) => repo.list(orgId, tx))).map(toInvitation);
    },

    async revoke({ principal, origin }: Caller, id: string): Promise<void> {
      const { orgId } = authorize(principal, 'members:manage');
      const { actor } = principal;
      await database.tenant(orgId, async (tx) => {
        const row = await repo.revoke(orgId, id, clock(), tx);
        if (!row) throw notFound('Pending invitation');
        await audit.record({ orgId, action: 'invitation.revoked', actor: auditActor(actor), origin, target: { type: 'invitation', id } }, tx);
      });
    },

    /**
     * Joins the org. Someone new sets a name and password; someone with an account proves it with their
     * password. The invitation's email decides which, so a token cannot attach another person's account.
     * That password check is the sign-in's own (lockout, per-account limit, audit): anyone can invite any
     * address, so acceptance must not be a side door for guessing.
     */
    async accept(input: AcceptInvitationInput, origin: RequestOrigin, admit?: AdmitAccount): Promise<TokenPair> {
      const invalid = new AppError('unauthenticated', 'The invitation is invalid, expired, revoked or already used');
      if (!looksLikeSecretToken('invitation', input.token)) throw invalid;
      const tokenHash = hashSecretToken(input.token);
      const usable = (row: InvitationRow | null): row is InvitationRow => row !== null && !row.acceptedAt && !row.revokedAt && row.expiresAt > clock();
      // Checked before the transaction: a failed password is counted and audited, which a rollback would undo.
      // The token names the org, so finding it runs unscoped.
      const seen = await repo.findByToken(tokenHash, database.unscoped);
      if (!usable(seen)) throw invalid;
      const existing = await users.findUserByEmail(seen.email, database.unscoped);
      let fresh: { name: string; passwordHash: string } | null = null;
      if (existing) {
        if (!(await passwords.check(existing, existing.email, input.password, origin, 'invitation', admit))) {
          throw new AppError('unauthenticated', 'An account with this email exists: enter its password to join');
        }
      } else {
        const name = input.name?.trim();
        if (!name) throw new AppError('validation-failed', 'A new account needs a name', { fields: [{ field: 'name', detail: 'is required for a new account' }] });
        assertStrong(input.password, { email: seen.email, name }, 'password');
        fresh = { name, passwordHash: await hashPassword(input.password) };
      }
      await sessions.prepare();
      const joined = await database.unscopedTransaction(async (tx) => {
        const now = clock();
        const invitation = await repo.lockByToken(tokenHash, tx);
        if (!usable(invitation)) throw invalid;
        let user = await users.findUserByEmail(invitation.email, tx);
        if (existing) {
          // The password proved this account as it was a moment ago; anything else is a race to retry.
          if (!user || user.id !== existing.id || user.passwordHash !== existing.passwordHash) throw new AppError('conflict', 'The account changed while joining; accept again');
          if (await memberships.findMembership(invitation.orgId, user.id, tx)) throw new AppError('conflict', 'You are already a member');
        } else {
          if (user || !fresh) throw new AppError('conflict', 'An account with this email was just created; accept again with its password');
          user = await users.insertUser({ id: newId('usr'), email: invitation.email, ...fresh, passwordChangedAt: now }, tx);
          if (!user) throw new AppError('conflict', 'An account with this email was just created; accept again with its password');
        }
        await memberships.insertMembership({ orgId: invitation.orgId, userId: user.id, role: invitation.role }, tx);
        await repo.markAccepted(invitation.id, user.id, now, tx);
        const tokens = await sessions.start({ userId: user.id, orgId: invitation.orgId, role: invitation.role, method: 'password', origin }, tx);
        await audit.record({ orgId: invitation.orgId, action: 'invitation.accepted', actor: { type: 'user', id: user.id }, origin, target: { type: 'invitation', id: invitation.id }, data: { role: invitation.role } }, tx);
        return { tokens, user, orgId: invitation.orgId };
      });
      return toTokenPair(joined.tokens, joined.user, await orgs.get(joined.orgId));
    },
  };
}
export type InvitationsService = ReturnType<typeof createInvitationsService>;
