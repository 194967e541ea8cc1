import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HttpError, readText as readBody } from '../control/http.ts';
import type { Random } from '../prng.ts';
import type { Codec } from '../video/codec.ts';
import { CsDirectory, type CsUser } from './cs-directory.ts';
import { CsOAuth, OAuthError } from './cs-oauth.ts';
import { consentPage, errorPage } from './cs-pages.ts';

export interface CollaborateSpaceOptions {
  /** Loopback address and port (0 = any free port). */
  host?: string;
  port?: number;
  /** OAuth client ids it accepts (default: `crosspoint`). */
  clientIds?: readonly string[];
  /** Seconds an access token lives (default 120). */
  accessTokenTtlS?: number;
  /** Milliseconds between drift steps (presence changes, new calls); 0 = no drift (default 20 000). */
  driftMs?: number;
  /** How many users the CS organization starts with (default 8). */
  users?: number;
}

/** Faults of the CS service itself (the control API sets them). */
export interface CsFaults {
  /** The REST API answers 503 to everything. */
  apiFail: boolean;
  /** The REST API waits this long before answering. */
  apiSlowMs: number;
}

export interface CollaborateSpace {
  readonly url: string;
  readonly directory: CsDirectory;
  readonly oauth: CsOAuth;
  readonly faults: CsFaults;
  close(): Promise<void>;
}

const maxBody = 16 * 1024;
const readText = (req: IncomingMessage) => readBody(req, maxBody);

/** An API error: `{ error: { code, message } }` like every Crosspoint peer. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The simulated COLLABORATE Space service (docs/collaborate-space.md): an OAuth2 authorization
 * server (code + PKCE S256, rotating refresh tokens, a consent page) and a REST API under /api/v1
 * with bearer tokens, over the CS organization in `CsDirectory`. Loopback only.
 */
export async function startCollaborateSpace(
  rnd: Random,
  codecs: readonly Codec[],
  options: CollaborateSpaceOptions = {},
): Promise<CollaborateSpace> {
  const host = options.host ?? '127.0.0.1';
  if (!host.startsWith('127.'))
    throw new Error(`COLLABORATE Space host must be a 127.x address, not ${host}`);
  const directory = new CsDirectory(rnd, codecs, Date.now, options.users ?? 8);
  const oauth = new CsOAuth({
    clientIds: options.clientIds ?? ['crosspoint'],
    accessTokenTtlS: options.accessTokenTtlS ?? 120,
  });
  const faults: CsFaults = { apiFail: false, apiSlowMs: 0 };
  let base = '';

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };
  const html = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };

  const userOf = (req: IncomingMessage): CsUser => {
    const auth = req.headers.authorization ?? '';
    const bearer = /^Bearer (.+)$/i.exec(auth)?.[1];
    if (!bearer) throw new ApiError(401, 'UNAUTHORIZED', 'a bearer token is required');
    let id: string;
    try {
      id = oauth.userOf(bearer);
    } catch (e) {
      throw new ApiError(401, 'INVALID_TOKEN', (e as Error).message);
    }
    const user = directory.user(id);
    if (!user) throw new ApiError(401, 'INVALID_TOKEN', 'the token’s user is gone');
    return user;
  };

  async function api(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (faults.apiSlowMs) await new Promise((r) => setTimeout(r, faults.apiSlowMs));
    if (faults.apiFail) throw new ApiError(503, 'UNAVAILABLE', 'COLLABORATE Space is unavailable (fault)');
    const me = userOf(req);
    const key = `${req.method ?? ''} ${path}`;
    if (key === 'GET /api/v1/me') {
      json(res, 200, me);
      return;
    }
    if (key === 'GET /api/v1/users') {
      json(res, 200, { items: directory.users });
      return;
    }
    if (key === 'GET /api/v1/resources') {
      json(res, 200, { items: directory.resources() });
      return;
    }
    if (key === 'GET /api/v1/licenses') {
      json(res, 200, { items: directory.licensesNow() });
      return;
    }
    if (key === 'GET /api/v1/calls') {
      json(res, 200, { items: directory.calls.slice(0, 50) });
      return;
    }
    if (key === 'POST /api/v1/users') {
      if (me.role !== 'administrator')
        throw new ApiError(403, 'FORBIDDEN', 'only a CS administrator may create users');
      let body: unknown;
      try {
        body = JSON.parse(await readText(req));
      } catch {
        throw new ApiError(400, 'BAD_REQUEST', 'the body is not JSON');
      }
      const { email, name } = (body ?? {}) as { email?: unknown; name?: unknown };
      if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email) || email.length > 254)
        throw new ApiError(400, 'BAD_REQUEST', 'email must be an email address');
      if (directory.user(email)) throw new ApiError(409, 'USER_EXISTS', `${email} is already a CS user`);
      const display = typeof name === 'string' && name.trim() ? name.trim().slice(0, 100) : email;
      json(res, 201, directory.createUser(email, display));
      return;
    }
    throw new ApiError(404, 'NOT_FOUND', `no ${key}`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://cs.invalid');
    const path = url.pathname;
    try {
      if (path.startsWith('/api/')) {
        await api(req, res, path);
        return;
      }
      if (req.method === 'GET' && path === '/.well-known/oauth-authorization-server') {
        json(res, 200, {
          issuer: base,
          authorization_endpoint: `${base}/oauth/authorize`,
          token_endpoint: `${base}/oauth/token`,
          revocation_endpoint: `${base}/oauth/revoke`,
          response_types_supported: ['code'],
          grant_types_supported: ['authorization_code', 'refresh_token'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['none'],
        });
        return;
      }
      if (req.method === 'GET' && path === '/oauth/authorize') {
        try {
          html(res, 200, consentPage(oauth.checkRequest(url.searchParams), directory.users));
          return;
        } catch (e) {
          if (e instanceof OAuthError) {
            html(res, 400, errorPage(e.message));
            return;
          }
          throw e;
        }
      }
      if (req.method === 'POST' && path === '/oauth/authorize') {
        const form = new URLSearchParams(await readText(req));
        let request;
        try {
          request = oauth.checkRequest(form);
        } catch (e) {
          if (e instanceof OAuthError) {
            html(res, 400, errorPage(e.message));
            return;
          }
          throw e;
        }
        const back = new URL(request.redirectUri);
        const user = directory.user(form.get('user') ?? '');
        if (form.get('decision') !== 'allow' || !user) back.searchParams.set('error', 'access_denied');
        else back.searchParams.set('code', oauth.issueCode(request, user));
        if (request.state) back.searchParams.set('state', request.state);
        res.writeHead(302, { location: back.href });
        res.end();
        return;
      }
      if (req.method === 'POST' && path === '/oauth/token') {
        try {
          json(res, 200, oauth.exchange(new URLSearchParams(await readText(req))));
          return;
        } catch (e) {
          if (e instanceof OAuthError) {
            json(res, e.status, { error: e.error, error_description: e.message });
            return;
          }
          throw e;
        }
      }
      if (req.method === 'POST' && path === '/oauth/revoke') {
        oauth.revokeToken(new URLSearchParams(await readText(req)).get('token') ?? '');
        res.writeHead(200).end();
        return;
      }
      throw new ApiError(404, 'NOT_FOUND', `no ${req.method ?? ''} ${path}`);
    } catch (e) {
      if (e instanceof HttpError) {
        json(res, e.status, { error: { code: e.code, message: e.message } });
        return;
      }
      if (e instanceof ApiError) {
        json(
          res,
          e.status,
          { error: { code: e.code, message: e.message } },
          e.status === 401 ? { 'www-authenticate': 'Bearer error="invalid_token"' } : {},
        );
        return;
      }
      json(res, 500, { error: { code: 'INTERNAL', message: (e as Error).message } });
      return;
    }
  }

  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  base = `http://${host}:${typeof address === 'object' && address ? address.port : (options.port ?? 0)}`;
  const driftMs = options.driftMs ?? 20_000;
  const drift = driftMs > 0 ? setInterval(() => directory.tick(), driftMs) : undefined;
  drift?.unref();
  return {
    url: base,
    directory,
    oauth,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        if (drift) clearInterval(drift);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
