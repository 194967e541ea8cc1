import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '@crosspoint/protocol';
import { OidcStepError } from '../../adapters/oauth-client.ts';
import type { AuthService } from '../../services/auth.service.ts';
import { oidcCallbackPath, type OidcSignInService } from '../../services/oidc-sign-in.service.ts';
import { ServiceError } from '../../services/service-error.ts';
import type { ContractRoutes } from '../contract-routes.ts';
import { limits, type Limiter } from '../rate-limits.ts';
import { setSessionCookie } from '../request-auth.ts';

export interface OidcRouteDeps {
  oidc: OidcSignInService;
  auth: AuthService;
  secureCookies: boolean;
  limit: Limiter;
}

/** Binds a sign-in to the browser that started it (against codes handed to someone else). */
const stateCookie = 'cp_oidc_state';
const ok = { ok: true as const };

/** OpenID Connect: providers in Settings › Sign-in, the sign-in page's buttons, and the browser's two legs. */
export function oidcRoutes(routes: ContractRoutes, d: OidcRouteDeps): void {
  routes.org('listOidcProviders', (ctx) => d.oidc.list(ctx));
  routes.org('createOidcProvider', (ctx, { body }) => d.oidc.create(ctx, body));
  routes.org('updateOidcProvider', (ctx, { params, body }) => d.oidc.update(ctx, params.providerId, body));
  routes.org('setOidcProviderEnabled', (ctx, { params, body }) =>
    d.oidc.setEnabled(ctx, params.providerId, body.enabled),
  );
  routes.org('removeOidcProvider', async (ctx, { params }) => {
    await d.oidc.remove(ctx, params.providerId);
    return ok;
  });
  routes.plain('listOidcSignInOptions', () => d.oidc.signInOptions());
  routes.plain('getOidcSignInOption', ({ params }) => d.oidc.signInOption(params.providerId));
  const limited = d.limit('OpenID sign-in', limits.signIn);

  /** A failed step ends on the sign-in page, which says what went wrong; the log has the details. */
  const failed = (request: FastifyRequest, reply: FastifyReply, e: unknown): FastifyReply => {
    void reply.clearCookie(stateCookie, { path: oidcCallbackPath });
    if (e instanceof OidcStepError) {
      request.log.warn({ step: e.step, reason: e.message }, 'OpenID sign-in failed');
      return reply.redirect(`/sign-in?error=${ErrorCode.OidcFailed}&step=${e.step}`, 302);
    }
    // A refusal of the session itself (e.g. a rule of the organization): its code, on the same page.
    if (e instanceof ServiceError) return reply.redirect(`/sign-in?error=${e.code}`, 302);
    // Anything else is the hub's fault: logged, and the browser still lands on a page that says so.
    request.log.error({ err: e }, 'OpenID sign-in failed unexpectedly');
    return reply.redirect(`/sign-in?error=${ErrorCode.Internal}`, 302);
  };

  routes.plain(
    'startOidcSignIn',
    async ({ params, query, request, reply }) => {
      let started: { url: string; state: string };
      try {
        started = await d.oidc.start(params.providerId, query.returnTo);
      } catch (e) {
        return failed(request, reply, e);
      }
      void reply.setCookie(stateCookie, started.state, {
        httpOnly: true,
        sameSite: 'lax',
        secure: d.secureCookies,
        path: oidcCallbackPath,
        maxAge: 600,
      });
      return reply.redirect(started.url, 302);
    },
    { preHandler: limited },
  );

  routes.plain(
    'finishOidcSignIn',
    async ({ query, request, reply }) => {
      const rawQuery = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      let landing: string;
      try {
        const { user, returnTo } = await d.oidc.finish(
          rawQuery,
          query.state,
          request.cookies[stateCookie],
          request.ip,
        );
        const signed = await d.auth.signInFromProvider(
          user,
          request.ip,
          request.headers['user-agent'] ?? null,
        );
        setSessionCookie(reply, signed.sessionToken, null, d.secureCookies);
        landing = returnTo;
      } catch (e) {
        return failed(request, reply, e);
      }
      void reply.clearCookie(stateCookie, { path: oidcCallbackPath });
      return reply.redirect(landing, 302);
    },
    { preHandler: limited },
  );
}
