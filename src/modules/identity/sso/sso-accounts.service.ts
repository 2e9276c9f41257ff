import { AppError } from '../../../app-error.ts';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import type { OidcIdentity } from '../../../infra/oidc/oidc-client.ts';
import type { AuditService, RequestOrigin } from '../../audit/index.ts';
import type { Org } from '../../orgs/index.ts';
import type { AccountsRepo, UserRow } from '../accounts/index.ts';
import type { SsoRepo } from './sso.repo.ts';

export const ssoFailed = (detail: string): AppError => new AppError('sso-failed', detail);

/** Where someone who already has an account links the org's provider to it. */
export const linkRouteOf = (slug: string): string => `POST /v1/auth/oidc/${slug}/link`;

/**
 * Which Hireline account a provider identity (issuer + subject) signs in as. An org's provider vouches
 * only for accounts it owns: one linked to this identity before (provisioned by it, or linked by the
 * person), or one it creates now. An email that already has an account is never enough, verified or
 * not, because anyone can sign up, register a provider they run and have it assert any address; the
 * account's owner links it by proving their password first (`linkUserId`).
 */
export function createSsoAccounts(deps: {
  repo: Pick<SsoRepo, 'findIdentity' | 'linkIdentity'>;
  users: Pick<AccountsRepo, 'findUser' | 'findUserByEmail' | 'insertUser'>;
  audit: Pick<AuditService, 'record'>;
  clock: () => Date;
}) {
  const { repo, users, audit, clock } = deps;

  return {
    async resolve(identity: OidcIdentity, org: Org, linkUserId: string | null, tx: DbExecutor, origin: RequestOrigin): Promise<UserRow> {
      const record = (user: UserRow, action: 'sso.identity_linked' | 'sso.user_provisioned', data: Record<string, unknown> = {}) => audit.record({
        orgId: org.id, action, actor: { type: 'user', id: user.id }, origin, target: { type: 'user', id: user.id },
        data: { issuer: identity.issuer, subject: identity.subject, ...data },
      }, tx);
      const linked = await repo.findIdentity(identity.issuer, identity.subject, tx);

      if (linkUserId) {
        if (linked && linked.userId !== linkUserId) throw ssoFailed('This provider account is already linked to another Hireline account');
        const user = await users.findUser(linkUserId, tx);
        if (!user) throw ssoFailed('The account to link no longer exists');
        if (!linked) {
          await repo.linkIdentity({ issuer: identity.issuer, subject: identity.subject, userId: user.id, orgId: org.id }, tx);
          await record(user, 'sso.identity_linked', { proof: 'password', providerEmail: identity.email });
        }
        return user;
      }

      if (linked) {
        const user = await users.findUser(linked.userId, tx);
        if (user) return user;
      }
      if (!identity.email) throw ssoFailed('The identity provider did not share an email address');
      if (await users.findUserByEmail(identity.email, tx)) {
        throw new AppError('sso-account-exists', 'An account with this email already exists, and an organization\'s identity provider cannot '
          + `sign in to an account it did not create. Link them once: send the account's email and password to ${linkRouteOf(org.slug)}, `
          + 'sign in at the provider where it sends you, and from then on single sign-on opens that account.');
      }
      const now = clock();
      const created = await users.insertUser({
        id: newId('usr'), email: identity.email, name: identity.name ?? identity.email.split('@')[0] ?? identity.email,
        passwordHash: null, emailVerifiedAt: identity.emailVerified ? now : null,
      }, tx);
      if (!created) throw ssoFailed('An account with this email was created at the same moment; try again');
      await repo.linkIdentity({ issuer: identity.issuer, subject: identity.subject, userId: created.id, orgId: org.id }, tx);
      await record(created, 'sso.user_provisioned');
      return created;
    },
  };
}
