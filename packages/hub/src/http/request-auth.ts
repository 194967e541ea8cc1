import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthService } from '../services/auth.service.ts';
import type { TokenService } from '../services/token.service.ts';
import type { AccessService } from '../services/access.service.ts';
import type { Actor, OrgContext } from '../services/context.ts';
import { ServiceError } from '../services/service-error.ts';

export const sessionCookie = 'cp_session';

/** Who made a request: a session (cookie) or an API token (bearer). */
export interface RequestAuth {
  actor: Actor;
  sessionToken: string | null;
  termsRequired: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
}

/** Where the vendor-compatible read API lives. */
export const compatiblePrefix = '/dashboard-back/api/';

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Paths a signed-in user may use before accepting the terms. */
const beforeTerms = /^\/api\/v1\/(auth\/|me$)/;

/**
 * Resolves the caller of every /api/v1 request. Cookie sessions must send the session's CSRF token
 * in `x-csrf-token` on every change; bearer tokens cannot be sent by a browser on its own, so they
 * need none.
 */
export function registerRequestAuth(
  app: FastifyInstance,
  deps: { auth: AuthService; tokens: TokenService },
): void {
  app.decorateRequest('auth', null);
  app.addHook('preHandler', async (request) => {
    if (request.url.startsWith(compatiblePrefix)) {
      // The vendor-compatible API: an API token in X-Api-Key, never a cookie (docs/compatible-api.md).
      const key = request.headers['x-api-key'];
      if (typeof key !== 'string' || !key.trim()) {
        throw new ServiceError(
          'UNAUTHENTICATED',
          'Send one of your API tokens in the X-Api-Key header.',
          401,
        );
      }
      const actor = await deps.tokens.authenticate(key.trim(), request.ip);
      if (!actor)
        throw new ServiceError('UNAUTHENTICATED', 'The API key is unknown, revoked or expired.', 401);
      request.auth = { actor, sessionToken: null, termsRequired: false };
      return;
    }
    if (!request.url.startsWith('/api/v1/')) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const actor = await deps.tokens.authenticate(header.slice(7).trim(), request.ip);
      if (!actor)
        throw new ServiceError('UNAUTHENTICATED', 'The API token is unknown, revoked or expired.', 401);
      request.auth = { actor, sessionToken: null, termsRequired: false };
      return;
    }
    const token = request.cookies[sessionCookie];
    if (!token) return;
    const found = await deps.auth.sessionFor(token);
    if (!found) return;
    if (unsafe.has(request.method) && request.headers['x-csrf-token'] !== found.session.csrfToken) {
      throw new ServiceError(
        'CSRF_FAILED',
        'The request lacks this session’s x-csrf-token header; reload the page and try again.',
        403,
      );
    }
    const termsRequired = (await deps.auth.info(found.session, found.user)).termsRequired;
    request.auth = {
      actor: { userId: found.user.id, label: found.user.email, ip: request.ip },
      sessionToken: token,
      termsRequired,
    };
    if (termsRequired && !beforeTerms.test(request.url.split('?')[0] ?? '')) {
      throw new ServiceError(
        'TERMS_REQUIRED',
        'Accept the current Terms of Use and Privacy Policy first.',
        403,
      );
    }
  });
}

export function requireAuth(request: FastifyRequest): RequestAuth {
  if (!request.auth) throw new ServiceError('UNAUTHENTICATED', 'Sign in first.', 401);
  return request.auth;
}

export function requireSession(request: FastifyRequest): RequestAuth & { sessionToken: string } {
  const auth = requireAuth(request);
  if (!auth.sessionToken) throw ServiceError.forbidden('This needs a signed-in person, not an API token.');
  return { ...auth, sessionToken: auth.sessionToken };
}

/** Resolves `:orgId` for the caller: 404 when the caller has no access to it. */
export function orgContextOf(access: AccessService) {
  return (request: FastifyRequest<{ Params: { orgId: string } }>): Promise<OrgContext> =>
    access.resolve(requireAuth(request).actor, request.params.orgId);
}

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  expiresAt: Date | null,
  secure: boolean,
): void {
  void reply.setCookie(sessionCookie, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    ...(expiresAt ? { expires: expiresAt } : {}),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(sessionCookie, { path: '/' });
}
