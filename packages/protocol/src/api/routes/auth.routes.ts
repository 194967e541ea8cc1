import { Type } from 'typebox';
import {
  AcceptTermsRequest,
  ChangePasswordRequest,
  ChangeSmsRequest,
  ForgotPasswordRequest,
  InvitationInfo,
  PasswordStrength,
  PasswordStrengthRequest,
  RegisterRequest,
  ResetPasswordRequest,
  SessionInfo,
  SignInRequest,
  SmsVerificationStarted,
  SmsVerified,
  SwitchOrgRequest,
  UpdateMeRequest,
  VerifySmsRequest,
} from '../auth.ts';
import { Ok } from '../common.ts';
import { route } from '../route.ts';

const tags = ['auth'];
const account = ['account'];
const InvitationParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 200 }) });

/** Sign-in, sessions, terms, invitations, password resets and the signed-in person's own account. */
export const authRoutes = {
  signIn: route({ method: 'POST', path: '/api/v1/auth/sign-in', tags, access: 'public', summary: 'Sign in with username or email and password', body: SignInRequest, answer: SessionInfo }),
  signOut: route({ method: 'POST', path: '/api/v1/auth/sign-out', tags, access: 'public', summary: 'Sign out this session', answer: Ok }),
  getSession: route({ method: 'GET', path: '/api/v1/auth/session', tags, access: 'session', summary: 'The current session, its organizations and permissions', answer: SessionInfo }),
  acceptTerms: route({ method: 'POST', path: '/api/v1/auth/accept-terms', tags, access: 'session', summary: 'Accept the current Terms of Use and Privacy Policy', body: AcceptTermsRequest, answer: Ok }),
  switchOrg: route({ method: 'POST', path: '/api/v1/auth/switch-org', tags, access: 'session', summary: 'Choose Organization…: act in another organization', body: SwitchOrgRequest, answer: SessionInfo }),
  forgotPassword: route({ method: 'POST', path: '/api/v1/auth/forgot-password', tags, access: 'public', summary: 'Email a password-reset link (answers the same for unknown addresses)', body: ForgotPasswordRequest, answer: Ok, status: 202 }),
  resetPassword: route({ method: 'POST', path: '/api/v1/auth/reset-password', tags, access: 'public', summary: 'Set a new password from a reset link', body: ResetPasswordRequest, answer: Ok }),
  getInvitation: route({ method: 'GET', path: '/api/v1/auth/invitations/:token', tags, access: 'public', summary: 'What an invitation link is for', params: InvitationParams, answer: InvitationInfo }),
  register: route({ method: 'POST', path: '/api/v1/auth/register', tags, access: 'public', summary: 'Register a password from an invitation and sign in', body: RegisterRequest, answer: SessionInfo }),
  ratePassword: route({ method: 'POST', path: '/api/v1/auth/password-strength', tags, access: 'public', summary: 'Rate a password against the policy (for the strength meter)', body: PasswordStrengthRequest, answer: PasswordStrength }),
  updateMe: route({ method: 'PATCH', path: '/api/v1/me', tags: account, access: 'signed-in', summary: 'Change my name, language or UI settings', body: UpdateMeRequest, answer: Ok }),
  changeSmsNumber: route({ method: 'PUT', path: '/api/v1/me/sms-number', tags: account, access: 'session', summary: 'Text a verification code to a new SMS number for alerts (null: clear the number)', body: ChangeSmsRequest, answer: SmsVerificationStarted }),
  verifySmsNumber: route({ method: 'POST', path: '/api/v1/me/sms-number/verify', tags: account, access: 'session', summary: 'Confirm the new SMS number with the code texted to it', body: VerifySmsRequest, answer: SmsVerified }),
  changePassword: route({ method: 'PUT', path: '/api/v1/me/password', tags: account, access: 'session', summary: 'Change my password', body: ChangePasswordRequest, answer: Ok }),
};
