// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- oidc-provider ships no types; the e2e project reads this file too
/// <reference path="./oidc-provider-module.d.ts" />
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person the test provider knows; `groups` may be changed between sign-ins. */
export interface TestOidcAccount {
  login: string;
  password: string;
  email: string;
  givenName: string;
  familyName: string;
  groups: string[];
}

export interface TestOidcProvider {
  /** http://127.0.0.1:<port> */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** By login; change an account's groups here and the next sign-in sees them. */
  accounts: Map<string, TestOidcAccount>;
  close(): Promise<void>;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A real OpenID provider (`oidc-provider`) on 127.0.0.1 with a free port, for tests: one
 * confidential client whose redirect URIs are the hub's callback, PKCE required, and its own small
 * login page ("Username", "Password", "Sign in"; nothing loaded from elsewhere) that checks the
 * accounts' passwords. Consent is implied (a first-party client). Claims: email, names and `groups`
 * (scope `groups`); the ID token carries only `sub` and the rest comes from userinfo, as with many
 * real providers.
 */
export async function startTestOidcProvider(options: {
  redirectUris: string[];
  accounts: TestOidcAccount[];
  clientId?: string;
  clientSecret?: string;
}): Promise<TestOidcProvider> {
  const accounts = new Map(options.accounts.map((a) => [a.login, { ...a }]));
  const clientId = options.clientId ?? 'crosspoint-hub';
  const clientSecret = options.clientSecret ?? 'test-client-secret-0123456789abcdef';
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = createServer((req, res) => {
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...key, kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['crosspoint-test-oidc-cookie-key'] },
    pkce: { required: () => true },
    ttl: {
      Interaction: 600,
      Grant: 600,
      Session: 600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
    features: { devInteractions: { enabled: false } },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name', 'name'],
      groups: ['groups'],
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // A first-party client: what it asks for is granted without a consent page.
    loadExistingGrant: async (ctx: {
      oidc: {
        client: { clientId: string };
        session: { accountId?: string; grantIdFor(id: string): string | undefined };
        result?: { consent?: { grantId?: string } };
        provider: {
          Grant: {
            new (v: { clientId: string; accountId: string }): {
              addOIDCScope(s: string): void;
              save(): Promise<string>;
            };
            find(id: string): Promise<unknown>;
          };
        };
      };
    }) => {
      const o = ctx.oidc;
      const grantId = o.result?.consent?.grantId ?? o.session.grantIdFor(o.client.clientId);
      if (grantId) return o.provider.Grant.find(grantId);
      if (!o.session.accountId) return undefined;
      const grant = new o.provider.Grant({ clientId: o.client.clientId, accountId: o.session.accountId });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
    findAccount: (_ctx: unknown, id: string) => {
      const a = accounts.get(id);
      if (!a) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: a.email,
          email_verified: true,
          given_name: a.givenName,
          family_name: a.familyName,
          name: `${a.givenName} ${a.familyName}`,
          groups: [...a.groups],
        }),
      };
    },
  });
  const oidc = provider.callback();

  const loginPage = (uid: string, error?: string) =>
    page(
      'Test provider sign-in',
      `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}<form method="post" action="/interaction/${uid}/login">
<label for="login">Username</label> <input id="login" name="login" autocomplete="username" required>
<label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>`,
    );

  handle = (req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(path);
    if (!interaction) {
      oidc(req, res);
      return;
    }
    const uid = interaction[1] ?? '';
    const send = (html: string) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    };
    (async () => {
      await provider.interactionDetails(req, res);
      if (!interaction[2]) {
        send(loginPage(uid));
        return;
      }
      const form = await formOf(req);
      const account = accounts.get(form.get('login') ?? '');
      if (!account || account.password !== form.get('password')) {
        send(loginPage(uid, 'Wrong username or password.'));
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.login } },
        { mergeWithLastSubmission: false },
      );
    })().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`interaction failed: ${(e as Error).message}`);
    });
  };

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
