// The OpenID client adapter against a real provider on loopback: discovery is cached per issuer
// for its TTL, and each failure names its step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOidcProvider, type TestOidcProvider } from '../test/oidc-provider.ts';
import { createOAuthClient, isLoopbackHost, issuerProblem, OidcStepError } from './oauth-client.ts';

describe('oauth-client adapter', () => {
  let idp: TestOidcProvider;
  beforeAll(async () => {
    idp = await startTestOidcProvider({ redirectUris: ['http://127.0.0.1:9/cb'], accounts: [] });
  });
  afterAll(async () => {
    await idp.close();
  });

  it('builds an authorization URL with PKCE S256, state and nonce; reuses discovery until its TTL', async () => {
    let now = 1_000_000;
    const oauth = createOAuthClient({ discoveryTtlMs: 60_000, now: () => now, timeoutS: 2 });
    const settings = { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret };
    const secrets = oauth.newSecrets();
    const request = { ...secrets, redirectUri: 'http://127.0.0.1:9/cb', scopes: 'openid email' };
    const url = await oauth.authorizationUrl(settings, request);
    expect(url.origin).toBe(idp.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: idp.clientId,
      redirect_uri: 'http://127.0.0.1:9/cb',
      scope: 'openid email',
      state: secrets.state,
      nonce: secrets.nonce,
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('code_challenge')).not.toBe(secrets.codeVerifier);

    // The provider goes away: the cached configuration still serves until the TTL is over.
    const other = await startTestOidcProvider({ redirectUris: ['http://127.0.0.1:9/cb'], accounts: [] });
    const otherSettings = { ...settings, issuer: other.issuer };
    await oauth.authorizationUrl(otherSettings, request);
    await other.close();
    await expect(oauth.authorizationUrl(otherSettings, request)).resolves.toBeInstanceOf(URL);
    now += 61_000;
    const failed = await oauth.authorizationUrl(otherSettings, request).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(OidcStepError);
    expect((failed as OidcStepError).step).toBe('discovery');
  });

  it('refuses plain http off loopback before any request, and a callback that is not the provider’s', async () => {
    const oauth = createOAuthClient();
    const refused = await oauth
      .authorizationUrl(
        { issuer: 'http://idp.example.test', clientId: 'x', clientSecret: null },
        { ...oauth.newSecrets(), redirectUri: 'http://127.0.0.1:9/cb', scopes: 'openid' },
      )
      .catch((e: unknown) => e);
    expect((refused as OidcStepError).step).toBe('discovery');
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('127.example.test')).toBe(false);
    expect(issuerProblem('https://user:pw@idp.example.test')).toBeDefined();
    expect(issuerProblem('ftp://idp.example.test')).toBeDefined();

    const secrets = oauth.newSecrets();
    const settings = { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret };
    const forged = new URL('http://127.0.0.1:9/cb');
    forged.search = `?code=abc&state=${secrets.state}&iss=${encodeURIComponent('https://evil.example')}`;
    const exchange = await oauth.exchange(settings, forged, secrets, ['email']).catch((e: unknown) => e);
    expect(exchange).toBeInstanceOf(OidcStepError);
    expect((exchange as OidcStepError).step).toBe('exchange');
  });
});
