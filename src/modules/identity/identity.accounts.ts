import { AppError } from '../../app-error.ts';
import type { Actor } from '../../http/auth.ts';
import type { Org } from '../orgs/orgs.schemas.ts';
import { passwordProblems } from './identity.passwords.ts';
import type { Role } from './identity.permissions.ts';
import type { UserRow } from './identity.repo.ts';
import type { TokenPair, User } from './identity.schemas.ts';
import type { IssuedTokens } from './identity.sessions.ts';

export const toUser = (row: UserRow): User => ({
  id: row.id, email: row.email, name: row.name, emailVerified: row.emailVerifiedAt !== null, createdAt: row.createdAt.toISOString(),
});

export const toTokenPair = (tokens: IssuedTokens, user: UserRow, org: Org): TokenPair => ({
  tokenType: 'Bearer', accessToken: tokens.accessToken, expiresIn: tokens.expiresIn, refreshToken: tokens.refreshToken,
  refreshExpiresAt: tokens.refreshExpiresAt.toISOString(), sessionId: tokens.sessionId, user: toUser(user), org, role: tokens.role,
});

/** Refuses a weak password with one field error per reason, at `pointer` in the body. */
export function assertStrong(password: string, context: { email?: string; name?: string }, pointer: string): void {
  const problems = passwordProblems(password, context);
  if (problems.length > 0) {
    throw new AppError('validation-failed', `The password is not acceptable: ${problems.join('; ')}`, {
      errors: problems.map((detail: string) => ({ in: 'body' as const, pointer, detail })),
    });
  }
}

// An API key with members:manage acts as an admin would: it may not create or remove owners.
export const roleOfActor = (actor: Actor): Role => (actor.kind === 'user' ? actor.role : 'admin');

export const auditActor = (actor: Actor) =>
  (actor.kind === 'user' ? { type: 'user' as const, id: actor.userId } : { type: 'api-key' as const, id: actor.apiKeyId });
