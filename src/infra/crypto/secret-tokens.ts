import { createHash, randomBytes } from 'node:crypto';

/**
 * Every kind of bearer secret we hand out, and the prefix that says what a leaked one is (for a
 * person reading a log and for secret scanners). One table, so a new kind cannot take a prefix
 * another kind already has or starts with; a test checks that no prefix begins another.
 */
export const secretTokenPrefixes = {
  apiKey: 'hl_',
  refreshToken: 'hlr_',
  passwordReset: 'hlp_',
  emailVerification: 'hlv_',
  invitation: 'hli_',
  ssoBrowser: 'hlb_',
  calendarFeed: 'hlc_',
  candidateStatus: 'hlsp_',
  schedulingLink: 'hlsl_',
} as const;
export type SecretTokenKind = keyof typeof secretTokenPrefixes;

/**
 * 256 random bits behind the kind's prefix. Only the SHA-256 is stored; the secret itself has
 * enough entropy that a fast hash is safe, and lookups by hash stay one index probe.
 */
export function newSecretToken(kind: SecretTokenKind): { token: string; hash: string } {
  const token = `${secretTokenPrefixes[kind]}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashSecretToken(token) };
}

/** A cheap first check before any lookup: the right prefix and no longer than we ever issue. */
export const looksLikeSecretToken = (kind: SecretTokenKind, token: string): boolean =>
  token.startsWith(secretTokenPrefixes[kind]) && token.length <= 100;

export const hashSecretToken = (token: string): string => createHash('sha256').update(token).digest('hex');
