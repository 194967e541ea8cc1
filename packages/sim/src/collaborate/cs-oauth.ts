import { createHash, randomBytes } from 'node:crypto';
import type { CsUser } from './cs-directory.ts';

/** An OAuth2 error answer (RFC 6749 §5.2), with the HTTP status it goes out with. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

export interface PendingAuthorization {
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scope: string;
}

interface Grant {
  id: string;
  clientId: string;
  userId: string;
  scope: string;
  revoked: boolean;
}

interface CodeEntry extends PendingAuthorization {
  userId: string;
  expiresAt: number;
}

export interface TokenAnswer {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
}

export interface OAuthOptions {
  /** Client ids this server knows (public clients: PKCE, no secret). */
  clientIds: readonly string[];
  /** Seconds an access token lives (short, so that refreshing is exercised). */
  accessTokenTtlS: number;
  now?: () => number;
}

const token = () => randomBytes(24).toString('base64url');
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
const codeTtlMs = 60_000;

/**
 * The simulated CS authorization server's state: authorization codes (one use, 60 s, PKCE S256
 * only), access tokens (`accessTokenTtlS`), refresh tokens rotated at every use — presenting a
 * refresh token that was already used revokes the whole grant (RFC 9700 §4.14.2).
 */
export class CsOAuth {
  private readonly codes = new Map<string, CodeEntry>();
  private readonly access = new Map<string, { grant: Grant; expiresAt: number }>();
  private readonly refresh = new Map<string, { grant: Grant; used: boolean }>();
  private readonly grants: Grant[] = [];
  private readonly now: () => number;

  constructor(private readonly options: OAuthOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Checks an authorization request (before the consent page shows). */
  checkRequest(q: URLSearchParams): PendingAuthorization {
    const clientId = q.get('client_id') ?? '';
    if (!this.options.clientIds.includes(clientId))
      throw new OAuthError(400, 'invalid_client', `unknown client_id "${clientId}"`);
    const redirectUri = q.get('redirect_uri') ?? '';
    let url: URL;
    try {
      url = new URL(redirectUri);
    } catch {
      throw new OAuthError(400, 'invalid_request', 'redirect_uri is not a URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new OAuthError(400, 'invalid_request', 'redirect_uri must be http(s)');
    if (q.get('response_type') !== 'code')
      throw new OAuthError(400, 'unsupported_response_type', 'only response_type=code');
    const codeChallenge = q.get('code_challenge') ?? '';
    if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge))
      throw new OAuthError(400, 'invalid_request', 'PKCE with code_challenge_method=S256 is required');
    return {
      clientId,
      redirectUri,
      state: q.get('state') ?? '',
      codeChallenge,
      scope: q.get('scope') ?? 'cs.api',
    };
  }

  /** The person allowed: a one-use code for the client. */
  issueCode(request: PendingAuthorization, user: CsUser): string {
    const code = token();
    this.codes.set(code, { ...request, userId: user.id, expiresAt: this.now() + codeTtlMs });
    return code;
  }

  /** The token endpoint (form parameters). */
  exchange(form: URLSearchParams): TokenAnswer {
    const clientId = form.get('client_id') ?? '';
    if (!this.options.clientIds.includes(clientId))
      throw new OAuthError(401, 'invalid_client', `unknown client_id "${clientId}"`);
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') return this.fromCode(form, clientId);
    if (grantType === 'refresh_token') return this.fromRefresh(form, clientId);
    throw new OAuthError(400, 'unsupported_grant_type', `grant_type "${grantType ?? ''}" is not supported`);
  }

  private fromCode(form: URLSearchParams, clientId: string): TokenAnswer {
    const code = form.get('code') ?? '';
    const entry = this.codes.get(code);
    this.codes.delete(code);
    if (!entry || entry.expiresAt <= this.now() || entry.clientId !== clientId)
      throw new OAuthError(400, 'invalid_grant', 'the code is unknown, expired or was used');
    if (form.get('redirect_uri') !== entry.redirectUri)
      throw new OAuthError(400, 'invalid_grant', 'redirect_uri differs from the authorization request');
    if (s256(form.get('code_verifier') ?? '') !== entry.codeChallenge)
      throw new OAuthError(400, 'invalid_grant', 'the PKCE code_verifier does not match');
    const grant: Grant = { id: token(), clientId, userId: entry.userId, scope: entry.scope, revoked: false };
    this.grants.push(grant);
    return this.tokens(grant);
  }

  private fromRefresh(form: URLSearchParams, clientId: string): TokenAnswer {
    const entry = this.refresh.get(form.get('refresh_token') ?? '');
    if (!entry || entry.grant.revoked || entry.grant.clientId !== clientId)
      throw new OAuthError(400, 'invalid_grant', 'the refresh token is unknown or revoked');
    if (entry.used) {
      this.revokeGrant(entry.grant);
      throw new OAuthError(400, 'invalid_grant', 'the refresh token was used already: the grant is revoked');
    }
    entry.used = true;
    return this.tokens(entry.grant);
  }

  private tokens(grant: Grant): TokenAnswer {
    const accessToken = token();
    const refreshToken = token();
    this.access.set(accessToken, { grant, expiresAt: this.now() + this.options.accessTokenTtlS * 1000 });
    this.refresh.set(refreshToken, { grant, used: false });
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.options.accessTokenTtlS,
      refresh_token: refreshToken,
      scope: grant.scope,
    };
  }

  /** The user id a bearer token stands for, or an OAuthError (401 invalid_token). */
  userOf(bearer: string): string {
    const entry = this.access.get(bearer);
    if (!entry || entry.grant.revoked)
      throw new OAuthError(401, 'invalid_token', 'the access token is unknown or revoked');
    if (entry.expiresAt <= this.now())
      throw new OAuthError(401, 'invalid_token', 'the access token has expired');
    return entry.grant.userId;
  }

  /** RFC 7009: revokes the grant of an access or refresh token; unknown tokens are ignored. */
  revokeToken(value: string): void {
    const entry = this.access.get(value) ?? this.refresh.get(value);
    if (entry) this.revokeGrant(entry.grant);
  }

  /** Fault injection: every grant (of one user, or all) revoked. */
  revokeAll(userId?: string): number {
    const grants = this.grants.filter((g) => !g.revoked && (!userId || g.userId === userId));
    for (const g of grants) this.revokeGrant(g);
    return grants.length;
  }

  private revokeGrant(grant: Grant): void {
    grant.revoked = true;
  }

  /** Grants still usable (for the control API). */
  activeGrants(): number {
    return this.grants.filter((g) => !g.revoked).length;
  }
}
