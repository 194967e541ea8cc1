import type { AuthService } from '../../services/auth.service.ts';
import type { PasswordService } from '../../services/password.service.ts';
import type { UserService } from '../../services/user.service.ts';
import type { SmsNumberService } from '../../services/sms-number.service.ts';
import type { TrialSignupService } from '../../services/trial-signup.service.ts';
import { ServiceError } from '../../services/service-error.ts';
import type { ContractRoutes } from '../contract-routes.ts';
import { clearSessionCookie, requireAuth, requireSession, setSessionCookie } from '../request-auth.ts';
import { limits, type Limiter } from '../rate-limits.ts';

export interface AuthRouteDeps {
  auth: AuthService;
  users: UserService;
  smsNumbers: SmsNumberService;
  passwords: PasswordService;
  trials: TrialSignupService;
  secureCookies: boolean;
  limit: Limiter;
}

const ok = { ok: true as const };

/** Sign-in, sessions, terms, invitations, password resets and the signed-in user's own account. */
export function authRoutes(routes: ContractRoutes, d: AuthRouteDeps): void {
  const sessionInfo = async (sessionToken: string) => {
    const found = await d.auth.sessionFor(sessionToken);
    if (!found) throw new ServiceError('UNAUTHENTICATED', 'Sign in first.', 401);
    return d.auth.info(found.session, found.user);
  };

  routes.plain(
    'signIn',
    async ({ body, request, reply }) => {
      const signed = await d.auth.signIn(
        body.login,
        body.password,
        body.staySignedIn ?? false,
        request.ip,
        request.headers['user-agent'] ?? null,
      );
      if ('secondFactorRequired' in signed) return signed;
      setSessionCookie(
        reply,
        signed.sessionToken,
        body.staySignedIn ? signed.expiresAt : null,
        d.secureCookies,
      );
      return signed.info;
    },
    { preHandler: d.limit('sign-in', limits.signIn) },
  );
  routes.plain('signOut', async ({ auth, reply }) => {
    if (auth?.sessionToken) await d.auth.signOut(auth.sessionToken);
    clearSessionCookie(reply);
    return ok;
  });
  routes.plain('getSession', ({ request }) => sessionInfo(requireSession(request).sessionToken));
  routes.plain('acceptTerms', async ({ request, body }) => {
    await d.auth.acceptTerms(requireSession(request).actor, body.terms, body.privacy);
    return ok;
  });
  routes.plain('switchOrg', async ({ request, body }) => {
    const { actor, sessionToken } = requireSession(request);
    await d.auth.switchOrg(actor, sessionToken, body.orgId);
    return sessionInfo(sessionToken);
  });
  routes.plain('getTrialOffer', () => d.trials.offer());
  routes.plain(
    'startTrial',
    async ({ body, request }) => {
      await d.trials.start(body, request.ip);
      return ok;
    },
    { preHandler: d.limit('trial sign-up', limits.trialSignup) },
  );
  routes.plain(
    'forgotPassword',
    async ({ body, request }) => {
      await d.auth.forgotPassword(body.email, request.ip);
      return ok;
    },
    { preHandler: d.limit('password reset', limits.forgotPassword) },
  );
  routes.plain(
    'resetPassword',
    async ({ body, request }) => {
      await d.auth.resetPassword(body.token, body.password, request.ip);
      return ok;
    },
    { preHandler: d.limit('password reset', limits.oneTimeLink) },
  );
  routes.plain('getInvitation', ({ params }) => d.auth.invitation(params.token));
  routes.plain(
    'register',
    async ({ body, request, reply }) => {
      const signed = await d.auth.register(body, request.ip, request.headers['user-agent'] ?? null);
      setSessionCookie(reply, signed.sessionToken, null, d.secureCookies);
      return signed.info;
    },
    { preHandler: d.limit('registration', limits.oneTimeLink) },
  );
  routes.plain('ratePassword', ({ body }) =>
    d.passwords.strength(body.password, body.kind, body.userInputs ?? []),
  );

  routes.plain('updateMe', async ({ request, body }) => {
    await d.users.updateMe(requireAuth(request).actor, body);
    return ok;
  });
  routes.plain(
    'changeSmsNumber',
    ({ request, body }) => d.smsNumbers.change(requireSession(request).actor, body.smsNumber),
    {
      preHandler: d.limit('SMS code', limits.smsCode),
    },
  );
  routes.plain(
    'verifySmsNumber',
    ({ request, body }) => d.smsNumbers.verify(requireSession(request).actor, body.code),
    {
      preHandler: d.limit('SMS verification', limits.smsVerify),
    },
  );
  routes.plain('changePassword', async ({ request, body }) => {
    await d.auth.changePassword(requireSession(request).actor, body.currentPassword, body.newPassword);
    return ok;
  });
}
