import * as client from 'openid-client';
import { Compile } from 'typebox/compile';
import { Type, type TSchema } from 'typebox';
import { CsCall, CsLicense, CsResource, CsUser, type CsFailureStep } from '@crosspoint/protocol';
import { isLoopbackHost } from './oauth-client.ts';

/**
 * The hub's COLLABORATE Space client: the only code that speaks to CS (docs/collaborate-space.md).
 * OAuth2 (authorization code with PKCE S256, refresh, revocation) through openid-client, on
 * endpoints derived from the CS base URL (`/oauth/authorize`, `/oauth/token`, `/oauth/revoke`);
 * the REST API under `/api/v1` with the bearer token. Plain http only on a loopback address (as
 * oauth-client.ts). Every call gives up after `timeoutMs`; every failure is a CsStepError naming
 * the step — the caller fails that one request, never the process.
 */
export class CsStepError extends Error {
  constructor(
    readonly step: CsFailureStep,
    message: string,
  ) {
    super(message);
    this.name = 'CsStepError';
  }
}

/** The cloud service's address (an organization may name its on-premises CS instead). */
export const csCloudBaseUrl = 'https://collaboratespace.net';

export interface CsTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

export interface CsAuthorization {
  redirectUri: string;
  state: string;
  codeVerifier: string;
}

export interface CollaborateSpaceClient {
  /** The base URL as stored (trailing slashes off), or CsStepError('address'). */
  checkBaseUrl(baseUrl: string): string;
  newSecrets(): { state: string; codeVerifier: string };
  authorizationUrl(baseUrl: string, request: CsAuthorization): Promise<URL>;
  exchangeCode(baseUrl: string, callbackUrl: URL, request: CsAuthorization): Promise<CsTokens>;
  refresh(baseUrl: string, refreshToken: string): Promise<CsTokens>;
  /** Best effort: CS forgets the grant; failures are ignored (the hub deletes its copy anyway). */
  revoke(baseUrl: string, token: string): Promise<void>;
  me(baseUrl: string, accessToken: string): Promise<CsUser>;
  users(baseUrl: string, accessToken: string): Promise<CsUser[]>;
  resources(baseUrl: string, accessToken: string): Promise<CsResource[]>;
  licenses(baseUrl: string, accessToken: string): Promise<CsLicense[]>;
  calls(baseUrl: string, accessToken: string): Promise<CsCall[]>;
  createUser(baseUrl: string, accessToken: string, person: { email: string; name?: string }): Promise<CsUser>;
}

export interface CollaborateSpaceClientOptions {
  clientId?: string;
  timeoutMs?: number;
  now?: () => number;
}

const listOf = <T extends TSchema>(item: T) => Compile(Type.Object({ items: Type.Array(item) }));
const checks = {
  user: Compile(CsUser),
  users: listOf(CsUser),
  resources: listOf(CsResource),
  licenses: listOf(CsLicense),
  calls: listOf(CsCall),
};

const reason = (e: unknown): string => {
  if (e instanceof client.ResponseBodyError || e instanceof client.AuthorizationResponseError)
    return `${e.error}${e.error_description ? `: ${e.error_description}` : ''}`;
  if (e instanceof Error) return `${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ''}`;
  return String(e);
};

export function createCollaborateSpaceClient(
  options: CollaborateSpaceClientOptions = {},
): CollaborateSpaceClient {
  const clientId = options.clientId ?? 'crosspoint';
  const timeoutMs = options.timeoutMs ?? 5000;
  const now = options.now ?? Date.now;

  function checkBaseUrl(baseUrl: string): string {
    let url: URL;
    try {
      url = new URL(baseUrl.trim());
    } catch {
      throw new CsStepError('address', 'The COLLABORATE Space address is not a URL.');
    }
    if (url.username || url.password || url.search || url.hash)
      throw new CsStepError(
        'address',
        'The address must not carry a user name, password, query or fragment.',
      );
    const plainOk = url.protocol === 'http:' && isLoopbackHost(url.hostname);
    if (url.protocol !== 'https:' && !plainOk)
      throw new CsStepError(
        'address',
        'The address must use https (plain http only on a loopback address, for a service on this machine).',
      );
    return url.href.replace(/\/+$/, '');
  }

  function configuration(baseUrl: string): client.Configuration {
    const base = checkBaseUrl(baseUrl);
    const config = new client.Configuration(
      {
        issuer: base,
        authorization_endpoint: `${base}/oauth/authorize`,
        token_endpoint: `${base}/oauth/token`,
        revocation_endpoint: `${base}/oauth/revoke`,
      },
      clientId,
      undefined,
      client.None(),
    );
    config.timeout = Math.ceil(timeoutMs / 1000);
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- loopback addresses only (checkBaseUrl)
    if (base.startsWith('http:')) client.allowInsecureRequests(config);
    return config;
  }

  const tokensOf = (t: client.TokenEndpointResponse, step: CsFailureStep): CsTokens => {
    if (!t.refresh_token) throw new CsStepError(step, 'COLLABORATE Space gave no refresh token.');
    return {
      accessToken: t.access_token,
      refreshToken: t.refresh_token,
      expiresAt: new Date(now() + (t.expires_in ?? 300) * 1000),
    };
  };

  async function api<T>(
    baseUrl: string,
    accessToken: string,
    path: string,
    check: { Check(v: unknown): v is T },
    init: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const base = checkBaseUrl(baseUrl);
    let res: Response;
    try {
      res = await fetch(`${base}/api/v1${path}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${accessToken}`,
          accept: 'application/json',
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new CsStepError('unreachable', `COLLABORATE Space did not answer: ${reason(e)}`);
    }
    const text = await res.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!res.ok) {
      const said = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
      const detail = typeof said === 'string' ? `: ${said.slice(0, 300)}` : '';
      const step: CsFailureStep =
        res.status === 401
          ? 'unauthorized'
          : res.status === 403
            ? 'forbidden'
            : res.status === 409
              ? 'conflict'
              : res.status >= 500
                ? 'unreachable'
                : 'invalid';
      throw new CsStepError(step, `COLLABORATE Space answered ${res.status}${detail}`);
    }
    if (!check.Check(body))
      throw new CsStepError('invalid', `COLLABORATE Space’s answer to ${path} is not understood.`);
    return body;
  }

  return {
    checkBaseUrl,
    newSecrets: () => ({ state: client.randomState(), codeVerifier: client.randomPKCECodeVerifier() }),

    async authorizationUrl(baseUrl, request) {
      const challenge = await client.calculatePKCECodeChallenge(request.codeVerifier);
      return client.buildAuthorizationUrl(configuration(baseUrl), {
        redirect_uri: request.redirectUri,
        scope: 'cs.api',
        state: request.state,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
    },

    async exchangeCode(baseUrl, callbackUrl, request) {
      const config = configuration(baseUrl);
      try {
        const t = await client.authorizationCodeGrant(
          config,
          callbackUrl,
          { pkceCodeVerifier: request.codeVerifier, expectedState: request.state, idTokenExpected: false },
          { redirect_uri: request.redirectUri },
        );
        return tokensOf(t, 'token');
      } catch (e) {
        if (e instanceof CsStepError) throw e;
        if (e instanceof client.AuthorizationResponseError)
          throw new CsStepError('authorize', `COLLABORATE Space refused: ${reason(e)}`);
        throw new CsStepError('token', `The code exchange failed: ${reason(e)}`);
      }
    },

    async refresh(baseUrl, refreshToken) {
      const config = configuration(baseUrl);
      try {
        return tokensOf(await client.refreshTokenGrant(config, refreshToken), 'refresh');
      } catch (e) {
        if (e instanceof CsStepError) throw e;
        if (e instanceof client.ResponseBodyError)
          throw new CsStepError('refresh', `COLLABORATE Space refused the refresh token: ${reason(e)}`);
        throw new CsStepError('unreachable', `Refreshing the token failed: ${reason(e)}`);
      }
    },

    async revoke(baseUrl, token) {
      try {
        await client.tokenRevocation(configuration(baseUrl), token);
      } catch {
        // Best effort: the hub removes its copy whatever CS says.
      }
    },

    me: (baseUrl, accessToken) => api(baseUrl, accessToken, '/me', checks.user),
    users: async (baseUrl, accessToken) => (await api(baseUrl, accessToken, '/users', checks.users)).items,
    resources: async (baseUrl, accessToken) =>
      (await api(baseUrl, accessToken, '/resources', checks.resources)).items,
    licenses: async (baseUrl, accessToken) =>
      (await api(baseUrl, accessToken, '/licenses', checks.licenses)).items,
    calls: async (baseUrl, accessToken) => (await api(baseUrl, accessToken, '/calls', checks.calls)).items,
    createUser: (baseUrl, accessToken, person) =>
      api(baseUrl, accessToken, '/users', checks.user, { method: 'POST', body: person }),
  };
}
