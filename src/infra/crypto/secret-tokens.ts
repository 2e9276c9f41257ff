import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer secrets we hand out (API keys, refresh tokens, invitation and email links): 256 random
 * bits behind a prefix that says what the secret is. Only the SHA-256 is stored; the secret itself
 * has enough entropy that a fast hash is safe, and lookups by hash stay one index probe.
 */
export function newSecretToken(prefix: string): { token: string; hash: string } {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashSecretToken(token) };
}

export const hashSecretToken = (token: string): string => createHash('sha256').update(token).digest('hex');
