import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AcceptTermsRequest,
  ChangePasswordRequest,
  ChangeSmsRequest,
  ForgotPasswordRequest,
  InvitationInfo,
  Ok,
  PasswordStrength,
  PasswordStrengthRequest,
  RegisterRequest,
  ResetPasswordRequest,
  SessionInfo,
  SignInRequest,
  SmsVerificationStarted,
  SmsVerified,
  VerifySmsRequest,
  SwitchOrgRequest,
  UpdateMeRequest,
} from '@crosspoint/protocol';
import type { AuthService } from '../../services/auth.service.ts';
import type { PasswordService } from '../../services/password.service.ts';
import type { UserService } from '../../services/user.service.ts';
import type { SmsNumberService } from '../../services/sms-number.service.ts';
import { clearSessionCookie, requireAuth, requireSession, setSessionCookie } from '../request-auth.ts';
import { ServiceError } from '../../services/service-error.ts';
import { limits, type Limiter } from '../rate-limits.ts';

export interface AuthRouteDeps {
  auth: AuthService;
  users: UserService;
  smsNumbers: SmsNumberService;
  passwords: PasswordService;
  secureCookies: boolean;
  limit: Limiter;
}

/** Sign-in, sessions, terms, invitations, password resets and the signed-in user's own account. */
export function authRoutes(root: FastifyInstance, d: AuthRouteDeps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['auth'];

  app.post('/api/v1/auth/sign-in', { preHandler: d.limit('sign-in', limits.signIn), schema: { tags, summary: 'Sign in with username or email and password', body: SignInRequest, response: { 200: SessionInfo } } }, async (req, reply) => {
    const signed = await d.auth.signIn(req.body.login, req.body.password, req.body.staySignedIn ?? false, req.ip, req.headers['user-agent'] ?? null);
    setSessionCookie(reply, signed.sessionToken, req.body.staySignedIn ? signed.expiresAt : null, d.secureCookies);
    return signed.info;
  });

  app.post('/api/v1/auth/sign-out', { schema: { tags, summary: 'Sign out this session', response: { 200: Ok } } }, async (req, reply) => {
    if (req.auth?.sessionToken) await d.auth.signOut(req.auth.sessionToken);
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  app.get('/api/v1/auth/session', { schema: { tags, summary: 'The current session, its organizations and permissions', response: { 200: SessionInfo } } }, async (req) => {
    const { sessionToken } = requireSession(req);
    const found = await d.auth.sessionFor(sessionToken);
    if (!found) throw new ServiceError('UNAUTHENTICATED', 'Sign in first.', 401);
    return d.auth.info(found.session, found.user);
  });

  app.post('/api/v1/auth/accept-terms', { schema: { tags, summary: 'Accept the current Terms of Use and Privacy Policy', body: AcceptTermsRequest, response: { 200: Ok } } }, async (req) => {
    await d.auth.acceptTerms(requireSession(req).actor, req.body.terms, req.body.privacy);
    return { ok: true as const };
  });

  app.post('/api/v1/auth/switch-org', { schema: { tags, summary: 'Choose Organization…: act in another organization', body: SwitchOrgRequest, response: { 200: SessionInfo } } }, async (req) => {
    const { actor, sessionToken } = requireSession(req);
    await d.auth.switchOrg(actor, sessionToken, req.body.orgId);
    const found = await d.auth.sessionFor(sessionToken);
    if (!found) throw new ServiceError('UNAUTHENTICATED', 'Sign in first.', 401);
    return d.auth.info(found.session, found.user);
  });

  app.post('/api/v1/auth/forgot-password', { preHandler: d.limit('password reset', limits.forgotPassword), schema: { tags, summary: 'Email a password-reset link (answers the same for unknown addresses)', body: ForgotPasswordRequest, response: { 202: Ok } } }, async (req, reply) => {
    await d.auth.forgotPassword(req.body.email, req.ip);
    return reply.status(202).send({ ok: true as const });
  });

  app.post('/api/v1/auth/reset-password', { preHandler: d.limit('password reset', limits.oneTimeLink), schema: { tags, summary: 'Set a new password from a reset link', body: ResetPasswordRequest, response: { 200: Ok } } }, async (req) => {
    await d.auth.resetPassword(req.body.token, req.body.password, req.ip);
    return { ok: true as const };
  });

  app.get('/api/v1/auth/invitations/:token', { schema: { tags, summary: 'What an invitation link is for', params: Type.Object({ token: Type.String({ minLength: 20, maxLength: 200 }) }), response: { 200: InvitationInfo } } }, async (req) => d.auth.invitation(req.params.token));

  app.post('/api/v1/auth/register', { preHandler: d.limit('registration', limits.oneTimeLink), schema: { tags, summary: 'Register a password from an invitation and sign in', body: RegisterRequest, response: { 200: SessionInfo } } }, async (req, reply) => {
    const signed = await d.auth.register(req.body, req.ip, req.headers['user-agent'] ?? null);
    setSessionCookie(reply, signed.sessionToken, null, d.secureCookies);
    return signed.info;
  });

  app.post('/api/v1/auth/password-strength', { schema: { tags, summary: 'Rate a password against the policy (for the strength meter)', body: PasswordStrengthRequest, response: { 200: PasswordStrength } } }, (req) =>
    d.passwords.strength(req.body.password, req.body.kind, req.body.userInputs ?? []),
  );

  app.patch('/api/v1/me', { schema: { tags: ['account'], summary: 'Change my name, language or UI settings', body: UpdateMeRequest, response: { 200: Ok } } }, async (req) => {
    await d.users.updateMe(requireAuth(req).actor, req.body);
    return { ok: true as const };
  });

  app.put(
    '/api/v1/me/sms-number',
    { preHandler: d.limit('SMS code', limits.smsCode), schema: { tags: ['account'], summary: 'Text a verification code to a new SMS number for alerts (null: clear the number)', body: ChangeSmsRequest, response: { 200: SmsVerificationStarted } } },
    (req) => d.smsNumbers.change(requireSession(req).actor, req.body.smsNumber),
  );

  app.post(
    '/api/v1/me/sms-number/verify',
    { preHandler: d.limit('SMS verification', limits.smsVerify), schema: { tags: ['account'], summary: 'Confirm the new SMS number with the code texted to it', body: VerifySmsRequest, response: { 200: SmsVerified } } },
    (req) => d.smsNumbers.verify(requireSession(req).actor, req.body.code),
  );

  app.put('/api/v1/me/password', { schema: { tags: ['account'], summary: 'Change my password', body: ChangePasswordRequest, response: { 200: Ok } } }, async (req) => {
    await d.auth.changePassword(requireSession(req).actor, req.body.currentPassword, req.body.newPassword);
    return { ok: true as const };
  });
}
