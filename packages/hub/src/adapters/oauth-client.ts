import * as client from 'openid-client';
import type { OidcFailureStep } from '@crosspoint/protocol';

/**
 * The hub's OpenID Connect relying party: the only module that talks to `openid-client`. It reads a
 * provider's configuration (discovery, cached per issuer), builds the authorization URL (code flow,
 * PKCE S256, state, nonce) and exchanges the code for checked ID token claims (signature, iss, aud,
 * nonce, state, PKCE — all by openid-client), reading userinfo when the ID token lacks a claim.
 *
 * Plain http is refused, with one explicit exception: an issuer on a loopback address
 * (127.0.0.0/8, ::1, localhost) — a provider on the hub's own machine, which is what the tests
 * start. Such an issuer's endpoints must be on loopback too.
 *
 * Every failure is an OidcStepError naming the step (see `oidcFailureSteps` in protocol), never an
 * uncaught crash; each request gives up after a few seconds.
 */
export class OidcStepError extends Error {
  constructor(
    readonly step: OidcFailureStep,
    message: string,
  ) {
    super(message);
    this.name = 'OidcStepError';
  }
}

/** What the hub knows of a provider to talk to it. */
export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  /** Null for a public client (PKCE only). */
  clientSecret: string | null;
}

/** The per-request secrets of one authorization request, kept by the hub until the callback. */
export interface OidcRequestSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export type OidcClaims = Record<string, unknown> & { sub: string };

export interface OAuthClient {
  newSecrets(): OidcRequestSecrets;
  authorizationUrl(
    settings: OidcClientSettings,
    request: OidcRequestSecrets & { redirectUri: string; scopes: string },
  ): Promise<URL>;
  /**
   * Checks the provider's answer at `callbackUrl` against the request's secrets and exchanges its
   * code: the ID token's claims, completed from userinfo for `wanted` claims it lacks.
   */
  exchange(
    settings: OidcClientSettings,
    callbackUrl: URL,
    request: OidcRequestSecrets,
    wanted: readonly string[],
  ): Promise<OidcClaims>;
  /** Drops the cached configuration of an issuer (after its provider was changed). */
  forget(issuer: string): void;
}

export interface OAuthClientOptions {
  /** How long a provider's discovered configuration is reused (default 10 minutes). */
  discoveryTtlMs?: number;
  /** Seconds each request to a provider may take (default 5). */
  timeoutS?: number;
  now?: () => number;
}

/** Whether a host name is this machine: the only place plain-http issuers are accepted. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Why an issuer URL cannot be used, or undefined when it can (https, or http on loopback). */
export function issuerProblem(issuer: string): string | undefined {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'The issuer is not a URL.';
  }
  if (url.username || url.password) return 'The issuer URL must not carry a user name or password.';
  if (url.search || url.hash) return 'The issuer URL must not have a query or fragment.';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  return 'The issuer must use https (plain http only on a loopback address, for a provider on this machine).';
}

const message = (e: unknown): string => {
  if (e instanceof client.ResponseBodyError)
    return `${e.error}${e.error_description ? `: ${e.error_description}` : ''}`;
  if (e instanceof client.AuthorizationResponseError)
    return `${e.error}${e.error_description ? `: ${e.error_description}` : ''}`;
  if (e instanceof Error) {
    const cause = e.cause instanceof Error ? ` (${e.cause.message})` : '';
    return `${e.message}${cause}`;
  }
  return String(e);
};

export function createOAuthClient(options: OAuthClientOptions = {}): OAuthClient {
  const ttl = options.discoveryTtlMs ?? 10 * 60_000;
  const timeout = options.timeoutS ?? 5;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { metadata: client.ServerMetadata; until: number }>();

  const insecure = (issuer: string) => new URL(issuer).protocol === 'http:';

  async function metadataOf(issuer: string): Promise<client.ServerMetadata> {
    const problem = issuerProblem(issuer);
    if (problem) throw new OidcStepError('discovery', problem);
    const cached = cache.get(issuer);
    if (cached && cached.until > now()) return cached.metadata;
    let found: client.Configuration;
    try {
      found = await client.discovery(new URL(issuer), 'crosspoint-discovery', undefined, client.None(), {
        timeout,
        // Plain http only for a loopback issuer (issuerProblem above): a provider on this machine.
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- deliberate, loopback only
        ...(insecure(issuer) ? { execute: [client.allowInsecureRequests] } : {}),
      });
    } catch (e) {
      throw new OidcStepError('discovery', `Could not read the provider’s configuration: ${message(e)}`);
    }
    const metadata = { ...found.serverMetadata() } as client.ServerMetadata;
    if (insecure(issuer)) {
      const endpoints = [
        metadata.authorization_endpoint,
        metadata.token_endpoint,
        metadata.jwks_uri,
        metadata.userinfo_endpoint,
      ];
      for (const e of endpoints) {
        if (e && !isLoopbackHost(new URL(e).hostname))
          throw new OidcStepError('discovery', `A loopback issuer’s endpoint is elsewhere: ${e}.`);
      }
    }
    if (!metadata.authorization_endpoint || !metadata.token_endpoint)
      throw new OidcStepError('discovery', 'The provider names no authorization or token endpoint.');
    cache.set(issuer, { metadata, until: now() + ttl });
    return metadata;
  }

  async function configurationOf(settings: OidcClientSettings): Promise<client.Configuration> {
    const metadata = await metadataOf(settings.issuer);
    const methods = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
    const auth = !settings.clientSecret
      ? client.None()
      : methods.includes('client_secret_basic')
        ? client.ClientSecretBasic(settings.clientSecret)
        : client.ClientSecretPost(settings.clientSecret);
    const config = new client.Configuration(metadata, settings.clientId, undefined, auth);
    config.timeout = timeout;
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- loopback issuers only (see above)
    if (insecure(settings.issuer)) client.allowInsecureRequests(config);
    return config;
  }

  return {
    newSecrets: () => ({
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    }),

    async authorizationUrl(settings, request) {
      const config = await configurationOf(settings);
      const challenge = await client.calculatePKCECodeChallenge(request.codeVerifier);
      return client.buildAuthorizationUrl(config, {
        redirect_uri: request.redirectUri,
        scope: request.scopes,
        state: request.state,
        nonce: request.nonce,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
    },

    async exchange(settings, callbackUrl, request, wanted) {
      const config = await configurationOf(settings);
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: request.codeVerifier,
          expectedState: request.state,
          expectedNonce: request.nonce,
          idTokenExpected: true,
        });
      } catch (e) {
        if (e instanceof client.AuthorizationResponseError)
          throw new OidcStepError('denied', `The provider refused: ${message(e)}`);
        throw new OidcStepError('exchange', `The code exchange or ID token check failed: ${message(e)}`);
      }
      const idClaims = tokens.claims();
      if (!idClaims) throw new OidcStepError('exchange', 'The provider sent no ID token.');
      const claims: OidcClaims = { ...(idClaims as OidcClaims) };
      const missing = wanted.filter((c) => claims[c] === undefined);
      if (missing.length && config.serverMetadata().userinfo_endpoint && tokens.access_token) {
        try {
          const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
          for (const c of missing) if (info[c] !== undefined) claims[c] = info[c];
        } catch (e) {
          throw new OidcStepError('exchange', `Reading userinfo failed: ${message(e)}`);
        }
      }
      return claims;
    },

    forget: (issuer) => {
      cache.delete(issuer);
    },
  };
}
