import type { Org } from '../../orgs/index.ts';
import type { IssuedTokens } from '../sessions/index.ts';
import type { UserRow } from './accounts.repo.ts';
import type { TokenPair, User } from './accounts.schemas.ts';

export const toUser = (row: UserRow): User => ({
  id: row.id, email: row.email, name: row.name, emailVerified: row.emailVerifiedAt !== null, createdAt: row.createdAt.toISOString(),
});

/** What every sign-in answers (password, invitation, single sign-on): the tokens, who you are and where you act. */
export const toTokenPair = (tokens: IssuedTokens, user: UserRow, org: Org): TokenPair => ({
  tokenType: 'Bearer', accessToken: tokens.accessToken, expiresIn: tokens.expiresIn, refreshToken: tokens.refreshToken,
  refreshExpiresAt: tokens.refreshExpiresAt.toISOString(), sessionId: tokens.sessionId, user: toUser(user), org, role: tokens.role,
});
