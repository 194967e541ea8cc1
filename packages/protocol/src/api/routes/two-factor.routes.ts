import { SessionInfo } from '../auth.ts';
import { Ok } from '../common.ts';
import {
  RecoveryCodes,
  SecondFactorRequest,
  SignInPolicy,
  SignInPolicyParams,
  TwoFactorCodeRequest,
  TwoFactorEnrollment,
  TwoFactorStatus,
} from '../two-factor.ts';
import { route } from '../route.ts';

const tags = ['auth'];
const account = ['account'];

/** Two-factor sign-in: the second step of signing in, a person's own TOTP, and an organization's policy. */
export const twoFactorRoutes = {
  signInSecondFactor: route({
    method: 'POST',
    path: '/api/v1/auth/sign-in/second-factor',
    tags,
    access: 'public',
    summary: 'Finish a sign-in that asked for a second factor: the app’s code or a recovery code',
    body: SecondFactorRequest,
    answer: SessionInfo,
  }),
  getTwoFactor: route({
    method: 'GET',
    path: '/api/v1/auth/two-factor',
    tags: account,
    access: 'session',
    summary: 'Whether my two-factor sign-in is on, how many recovery codes are left, who requires it',
    answer: TwoFactorStatus,
  }),
  startTwoFactor: route({
    method: 'POST',
    path: '/api/v1/auth/two-factor/enrollment',
    tags: account,
    access: 'session',
    summary: 'Start turning on two-factor sign-in: a new secret and its QR code for an authenticator app',
    answer: TwoFactorEnrollment,
  }),
  confirmTwoFactor: route({
    method: 'POST',
    path: '/api/v1/auth/two-factor/confirm',
    tags: account,
    access: 'session',
    summary: 'Turn two-factor sign-in on with a code from the app; answers the recovery codes (shown once)',
    body: TwoFactorCodeRequest,
    answer: RecoveryCodes,
  }),
  disableTwoFactor: route({
    method: 'POST',
    path: '/api/v1/auth/two-factor/disable',
    tags: account,
    access: 'session',
    summary: 'Turn two-factor sign-in off (with a current code or a recovery code)',
    body: TwoFactorCodeRequest,
    answer: Ok,
  }),
  newRecoveryCodes: route({
    method: 'POST',
    path: '/api/v1/auth/two-factor/recovery-codes',
    tags: account,
    access: 'session',
    summary: 'Replace my recovery codes (with a current code); the old ones stop working',
    body: TwoFactorCodeRequest,
    answer: RecoveryCodes,
  }),
  getSignInPolicy: route({
    method: 'GET',
    path: '/api/v1/orgs/:orgId/sign-in-policy',
    tags: ['users'],
    access: 'users.read',
    summary: 'Whether the organization requires two-factor sign-in',
    params: SignInPolicyParams,
    answer: SignInPolicy,
  }),
  updateSignInPolicy: route({
    method: 'PUT',
    path: '/api/v1/orgs/:orgId/sign-in-policy',
    tags: ['users'],
    access: 'users.manage',
    summary: 'Require two-factor sign-in of the organization’s members, or stop requiring it',
    params: SignInPolicyParams,
    body: SignInPolicy,
    answer: SignInPolicy,
  }),
};
