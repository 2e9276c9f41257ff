import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/modules/access/index.ts';
import type { TestApp } from './app.ts';

export interface TestUser {
  userId: string;
  email: string;
  password: string;
  orgId: string;
  orgSlug: string;
  accessToken: string;
  refreshToken: string;
  sessionId: string;
  auth: { authorization: string };
}

/** A password that passes the policy: long, random, in no common list. */
export const strongPassword = (): string => `violet-harbor-${randomBytes(6).toString('hex')}`;

const asUser = (body: Record<string, unknown>, password: string): TestUser => {
  const user = body.user as { id: string; email: string };
  const org = body.org as { id: string; slug: string };
  return {
    userId: user.id, email: user.email, password, orgId: org.id, orgSlug: org.slug,
    accessToken: String(body.accessToken), refreshToken: String(body.refreshToken), sessionId: String(body.sessionId),
    auth: { authorization: `Bearer ${String(body.accessToken)}` },
  };
};

/** Signs up a new owner with a new org. */
export async function signUp(t: TestApp, overrides: { email?: string; orgName?: string } = {}): Promise<TestUser> {
  const password = strongPassword();
  const suffix = randomBytes(4).toString('hex');
  const res = await t.app.inject({
    method: 'POST', url: '/v1/auth/signup',
    payload: { email: overrides.email ?? `owner-${suffix}@example.test`, password, name: 'Olive Owner', orgName: overrides.orgName ?? `Org ${suffix}` },
  });
  if (res.statusCode !== 201) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
  return asUser(res.json(), password);
}

/** Invites a new person into the inviter's org with `role` and signs them in through the invitation. */
export async function join(t: TestApp, inviter: { authorization: string }, role: Role): Promise<TestUser> {
  const email = `${role}-${randomBytes(4).toString('hex')}@example.test`;
  const invited = await t.app.inject({ method: 'POST', url: '/v1/invitations', headers: inviter, payload: { email, role } });
  if (invited.statusCode !== 201) throw new Error(`invite failed: ${invited.statusCode} ${invited.body}`);
  const password = strongPassword();
  const accepted = await t.app.inject({
    method: 'POST', url: '/v1/invitations/accept', payload: { token: invited.json<{ token: string }>().token, password, name: `Test ${role}` },
  });
  if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.statusCode} ${accepted.body}`);
  return asUser(accepted.json(), password);
}
