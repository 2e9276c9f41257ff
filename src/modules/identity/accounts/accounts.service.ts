import { AppError } from '../../../app-error.ts';
import type { Database } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import type { AuditService, RequestOrigin } from '../../audit/index.ts';
import type { Org, OrgsService } from '../../orgs/index.ts';
import type { MembershipRepo } from '../membership/index.ts';
import type { SessionsService } from '../sessions/index.ts';
import { toTokenPair, toUser } from './accounts.mapping.ts';
import type { AccountsRepo } from './accounts.repo.ts';
import type { LoginInput, SignUpInput, TokenPair } from './accounts.schemas.ts';
import type { EmailLinksService } from './email-links.service.ts';
import type { AdmitAccount, PasswordCheck } from './password-check.service.ts';
import { hashPassword } from './password-hash.ts';
import { assertStrong } from './password-policy.ts';

export interface AccountsServiceDeps {
  /** `unscoped`: a person is found (by email or id) before any org is known, and their sessions span orgs. */
  database: Pick<Database, 'unscoped' | 'unscopedTransaction' | 'tenant'>;
  repo: AccountsRepo;
  memberships: Pick<MembershipRepo, 'insertMembership' | 'membershipsOf'>;
  orgs: Pick<OrgsService, 'insertOrg' | 'get' | 'findBySlug'>;
  sessions: Pick<SessionsService, 'start' | 'endAll' | 'prepare'>;
  audit: Pick<AuditService, 'record'>;
  passwords: Pick<PasswordCheck, 'check'>;
  emailLinks: Pick<EmailLinksService, 'sendVerification'>;
  clock?: () => Date;
}

const incorrect = () => new AppError('unauthenticated', 'The email or password is incorrect');

export function createAccountsService({ database, repo, memberships: membershipRepo, orgs, sessions, audit, passwords, emailLinks, clock = () => new Date() }: AccountsServiceDeps) {
  return {
    /** Creates a user, the organization they own, and their first session, all or nothing. */
    async signUp(input: SignUpInput, origin: RequestOrigin): Promise<TokenPair> {
      const email = input.email.trim();
      assertStrong(input.password, { email, name: input.name }, 'password');
      const passwordHash = await hashPassword(input.password);
      await sessions.prepare();
      const pair = await database.unscopedTransaction(async (tx) => {
        const user = await repo.insertUser({ id: newId('usr'), email, name: input.name.trim(), passwordHash, passwordChangedAt: clock() }, tx);
        if (!user) throw new AppError('conflict', 'An account with this email already exists; sign in instead');
        const org = await orgs.insertOrg({ name: input.orgName, slug: input.orgSlug }, tx);
        await membershipRepo.insertMembership({ orgId: org.id, userId: user.id, role: 'owner' }, tx);
        const tokens = await sessions.start({ userId: user.id, orgId: org.id, role: 'owner', method: 'password', origin }, tx);
        await audit.record({ orgId: org.id, action: 'auth.signup', actor: { type: 'user', id: user.id }, origin, target: { type: 'user', id: user.id } }, tx);
        return toTokenPair(tokens, user, org);
      });
      emailLinks.sendVerification(pair.user.id);
      return pair;
    },

    /** Unknown emails and wrong passwords get the same answer after the same work (see password-check.service.ts). */
    async login(input: LoginInput, origin: RequestOrigin): Promise<TokenPair> {
      // People are not in an org until they pick one: these lookups run unscoped.
      const user = await repo.findUserByEmail(input.email.trim(), database.unscoped);
      const valid = await passwords.check(user, input.email, input.password, origin, 'login');
      if (!valid || !user) throw incorrect();
      const memberships = await membershipRepo.membershipsOf(user.id, database.unscoped);
      let org: Org | null = null;
      if (input.org) {
        const wanted = await orgs.findBySlug(input.org);
        org = wanted && memberships.some((m) => m.orgId === wanted.id) ? wanted : null;
        if (!org) throw new AppError('forbidden', `You are not a member of an organization "${input.org}"`);
      } else if (memberships[0]) {
        org = await orgs.get(memberships[0].orgId);
      }
      const membership = memberships.find((m) => m.orgId === org?.id);
      if (!org || !membership) throw new AppError('forbidden', 'Your account belongs to no organization; ask an admin for an invitation');
      await sessions.prepare();
      return database.tenant(org.id, async (tx) => {
        const tokens = await sessions.start({ userId: user.id, orgId: org.id, role: membership.role, method: 'password', origin }, tx);
        await audit.record({ orgId: org.id, action: 'auth.login', actor: { type: 'user', id: user.id }, origin, target: { type: 'session', id: tokens.sessionId }, data: { method: 'password' } }, tx);
        return toTokenPair(tokens, user, org);
      });
    },

    /** Changing the password ends every other session: whoever knew the old one is signed out. */
    async changePassword(
      actor: { userId: string; orgId: string; sessionId: string; origin: RequestOrigin }, current: string, next: string, admit?: AdmitAccount,
    ): Promise<{ endedSessions: number }> {
      const user = await repo.findUser(actor.userId, database.unscoped);
      if (!user) throw new AppError('unauthenticated', 'The account no longer exists');
      if (!(await passwords.check(user, user.email, current, actor.origin, 'password-change', admit))) {
        throw new AppError('validation-failed', 'The current password is incorrect', { fields: [{ field: 'currentPassword', detail: 'is incorrect' }] });
      }
      assertStrong(next, { email: user.email, name: user.name }, 'newPassword');
      const passwordHash = await hashPassword(next);
      // A person's sessions span their orgs, and all of them end: the owner's transaction.
      return database.unscopedTransaction(async (tx) => {
        await repo.setPassword(user.id, passwordHash, clock(), tx);
        const endedSessions = await sessions.endAll(actor, actor.sessionId, 'password-changed', tx);
        await audit.record({ orgId: actor.orgId, action: 'auth.password_changed', actor: { type: 'user', id: user.id }, origin: actor.origin, target: { type: 'user', id: user.id }, data: { endedSessions } }, tx);
        return { endedSessions };
      });
    },

    async me(userId: string, orgId: string) {
      const user = await repo.findUser(userId, database.unscoped);
      if (!user) throw new AppError('unauthenticated', 'The account no longer exists');
      const memberships = await membershipRepo.membershipsOf(userId, database.unscoped);
      const role = memberships.find((m) => m.orgId === orgId)?.role;
      if (!role) throw new AppError('unauthenticated', 'You are no longer a member of this organization');
      return { user: toUser(user), org: await orgs.get(orgId), role, memberships: memberships.map((m) => ({ orgId: m.orgId, role: m.role })) };
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
