import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { SIGNING_ALGORITHM, type KeyRing } from './signing-keys.ts';

export interface AccessClaims {
  /** User id. */
  sub: string;
  /** Org id the session acts in. */
  org: string;
  /** Session id: checked on every request, so ending the session ends the token. */
  sid: string;
  role: string;
}

/** Access tokens live 10 minutes: short enough that a leaked one soon expires, long enough to spare refreshes. */
export const ACCESS_TOKEN_TTL_SECONDS = 600;
export const ACCESS_TOKEN_AUDIENCE = 'hireline-api';

const MAX_TOKEN_LENGTH = 4096;
const CLOCK_TOLERANCE_SECONDS = 5;
/** RFC 9068: the type that keeps an access token from being confused with an ID token. */
const TOKEN_TYPE = 'at+jwt';

export function createAccessTokens(deps: { keys: KeyRing; issuer: string; audience: string; ttlSeconds: number; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  const seconds = () => Math.floor(now().getTime() / 1000);

  return {
    /** Loads the signing key, so issuing inside a transaction needs no query of its own. */
    prepare: (): Promise<void> => deps.keys.prepare(),

    async issue(claims: AccessClaims): Promise<{ token: string; expiresIn: number }> {
      const { kid, key } = await deps.keys.signingKey();
      const iat = seconds();
      const token = await new SignJWT({ org: claims.org, sid: claims.sid, role: claims.role })
        .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: TOKEN_TYPE })
        .setIssuer(deps.issuer)
        .setAudience(deps.audience)
        .setSubject(claims.sub)
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(iat + deps.ttlSeconds)
        .setJti(randomUUID())
        .sign(key);
      return { token, expiresIn: deps.ttlSeconds };
    },

    /** The claims of a valid token, or null for anything else; never throws. */
    async verify(token: string): Promise<AccessClaims | null> {
      if (token.length > MAX_TOKEN_LENGTH) return null;
      try {
        const { payload } = await jwtVerify(token, async (header) => {
          const key = header.kid ? await deps.keys.verificationKey(header.kid) : null;
          if (!key) throw new Error('unknown signing key');
          return key;
        }, {
          algorithms: [SIGNING_ALGORITHM], issuer: deps.issuer, audience: deps.audience, typ: TOKEN_TYPE,
          clockTolerance: CLOCK_TOLERANCE_SECONDS, currentDate: now(), requiredClaims: ['sub', 'exp', 'iat', 'nbf'],
        });
        const { sub, org, sid, role } = payload;
        if (typeof sub !== 'string' || typeof org !== 'string' || typeof sid !== 'string' || typeof role !== 'string') return null;
        return { sub, org, sid, role };
      } catch {
        return null;
      }
    },
  };
}
export type AccessTokens = ReturnType<typeof createAccessTokens>;
