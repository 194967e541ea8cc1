import type { AuthService } from '../../services/auth.service.ts';
import type { TwoFactorService } from '../../services/two-factor.service.ts';
import type { ContractRoutes } from '../contract-routes.ts';
import { limits, type Limiter } from '../rate-limits.ts';
import { requireSession, setSessionCookie } from '../request-auth.ts';

const ok = { ok: true as const };

/** The second step of signing in, a person's own TOTP and recovery codes, and an organization's policy. */
export function twoFactorRoutes(
  routes: ContractRoutes,
  d: { auth: AuthService; twoFactor: TwoFactorService; secureCookies: boolean; limit: Limiter },
): void {
  routes.plain(
    'signInSecondFactor',
    async ({ body, request, reply }) => {
      const signed = await d.auth.signInSecondFactor(
        body.challenge,
        body.code,
        request.ip,
        request.headers['user-agent'] ?? null,
      );
      const expires = signed.staySignedIn ? signed.expiresAt : null;
      setSessionCookie(reply, signed.sessionToken, expires, d.secureCookies);
      return signed.info;
    },
    { preHandler: d.limit('second factor', limits.secondFactor) },
  );
  routes.plain('getTwoFactor', ({ request }) => d.twoFactor.status(requireSession(request).actor));
  routes.plain('startTwoFactor', ({ request }) => d.twoFactor.startEnrollment(requireSession(request).actor));
  const coded = { preHandler: d.limit('two-factor code', limits.twoFactorCode) };
  routes.plain(
    'confirmTwoFactor',
    ({ request, body }) => d.twoFactor.confirmEnrollment(requireSession(request).actor, body.code),
    coded,
  );
  routes.plain(
    'disableTwoFactor',
    async ({ request, body }) => {
      await d.twoFactor.disable(requireSession(request).actor, body.code);
      return ok;
    },
    coded,
  );
  routes.plain(
    'newRecoveryCodes',
    ({ request, body }) => d.twoFactor.newRecoveryCodes(requireSession(request).actor, body.code),
    coded,
  );
  routes.org('getSignInPolicy', (ctx) => d.twoFactor.policy(ctx));
  routes.org('updateSignInPolicy', (ctx, { body }) => d.twoFactor.updatePolicy(ctx, body));
}
