import * as oidc from 'openid-client';

/** What an organization registered with its identity provider. */
export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The verified identity from an ID token. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/** Why a sign-in was refused, in words safe to show the user (the provider's details go to the log). */
export class OidcError extends Error {}

const TIMEOUT_SECONDS = 10;

function innermostMessage(err: unknown): string {
  let message = 'unknown error';
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) message = e.message;
  return message;
}
const DISCOVERY_CACHE_MS = 10 * 60_000;

/** Plain HTTP only for a provider on this machine (development and tests); anything else must be HTTPS. */
const isLoopback = (issuer: string): boolean => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(issuer).hostname);

/**
 * openid-client behind the few calls sign-in needs: discovery (cached), the authorization URL with
 * state, nonce and PKCE (S256), and the code exchange that checks all three plus the issuer.
 */
export function createOidcClient() {
  const discovered = new Map<string, { config: oidc.Configuration; at: number }>();
  const keyOf = (s: OidcClientSettings) => JSON.stringify([s.issuer, s.clientId, s.clientSecret]);

  async function configuration(settings: OidcClientSettings): Promise<oidc.Configuration> {
    const key = keyOf(settings);
    const cached = discovered.get(key);
    if (cached && Date.now() - cached.at < DISCOVERY_CACHE_MS) return cached.config;
    let config: oidc.Configuration;
    try {
      config = await oidc.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        timeout: TIMEOUT_SECONDS,
        ...(isLoopback(settings.issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
      });
    } catch (err) {
      throw new OidcError(`The identity provider at ${settings.issuer} could not be discovered`, { cause: err });
    }
    discovered.set(key, { config, at: Date.now() });
    return config;
  }

  return {
    /** Fetches the provider's metadata now, so a wrong issuer is refused when it is registered. */
    async check(settings: OidcClientSettings): Promise<void> {
      discovered.delete(keyOf(settings));
      await configuration(settings);
    },

    async authorizationRequest(settings: OidcClientSettings, redirectUri: string): Promise<AuthorizationRequest> {
      const config = await configuration(settings);
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        response_type: 'code',
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, state, nonce, codeVerifier };
    },

    /** Trades the code from the callback URL for a verified ID token; any mismatch throws OidcError. */
    async complete(settings: OidcClientSettings, callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<OidcIdentity> {
      const config = await configuration(settings);
      let claims: oidc.IDToken | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          expectedState: expected.state,
          expectedNonce: expected.nonce,
          pkceCodeVerifier: expected.codeVerifier,
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch (err) {
        // The innermost message names the failed check (unexpected ID Token "nonce" claim value) and carries no secrets.
        throw new OidcError(`The identity provider's answer did not verify: ${innermostMessage(err)}`, { cause: err });
      }
      if (!claims) throw new OidcError('The identity provider returned no ID token');
      const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
      return {
        issuer: claims.iss,
        subject: claims.sub,
        email: text(claims.email),
        emailVerified: claims.email_verified === true,
        name: text(claims.name) ?? text([claims.given_name, claims.family_name].filter((p) => typeof p === 'string').join(' ')),
      };
    },
  };
}
export type OidcClient = ReturnType<typeof createOidcClient>;
