import { Type, type Static } from 'typebox';
import { Text } from '../text.ts';
import { IsoDateTime, Uuid } from './common.ts';

/** What a person types as a second factor: the 6 digits of their app, or one of their recovery codes. */
const SecondFactorCode = Text({
  minLength: 6,
  maxLength: 40,
  description: 'The 6-digit code of the authenticator app, or one recovery code (xxxxx-xxxxx).',
});

export const TwoFactorStatus = Type.Object(
  {
    enabled: Type.Boolean(),
    enabledAt: Type.Union([IsoDateTime, Type.Null()]),
    recoveryCodesLeft: Type.Integer({ minimum: 0 }),
    requiredBy: Type.Array(Type.String(), {
      description: 'The organizations of this person that require two-factor sign-in.',
    }),
    exempt: Type.Boolean({
      description: 'The account signs in through an OpenID provider, which does the second factor.',
    }),
  },
  { $id: 'TwoFactorStatus' },
);
export type TwoFactorStatus = Static<typeof TwoFactorStatus>;

export const TwoFactorEnrollment = Type.Object(
  {
    secret: Type.String({ description: 'Base32, to type into an authenticator app by hand.' }),
    uri: Type.String({ description: 'The otpauth:// address the QR code carries.' }),
    qrSvg: Type.String({ description: 'The QR code, an SVG document.' }),
  },
  { $id: 'TwoFactorEnrollment' },
);
export type TwoFactorEnrollment = Static<typeof TwoFactorEnrollment>;

export const TwoFactorCodeRequest = Type.Object(
  { code: SecondFactorCode },
  { $id: 'TwoFactorCodeRequest', additionalProperties: false },
);

export const RecoveryCodes = Type.Object(
  {
    codes: Type.Array(Type.String(), {
      description: 'Each works once instead of a code from the app. Shown only now.',
    }),
  },
  { $id: 'RecoveryCodes' },
);
export type RecoveryCodes = Static<typeof RecoveryCodes>;

/** The sign-in's answer when the password was right and a second factor is needed. */
export const SecondFactorChallenge = Type.Object(
  {
    secondFactorRequired: Type.Literal(true),
    challenge: Type.String({
      description: 'Send back with the code (POST /api/v1/auth/sign-in/second-factor).',
    }),
    expiresAt: IsoDateTime,
  },
  { $id: 'SecondFactorChallenge' },
);
export type SecondFactorChallenge = Static<typeof SecondFactorChallenge>;

export const SecondFactorRequest = Type.Object(
  { challenge: Text({ minLength: 20, maxLength: 200 }), code: SecondFactorCode },
  { $id: 'SecondFactorRequest', additionalProperties: false },
);

export const SignInPolicy = Type.Object(
  {
    requireTwoFactor: Type.Boolean({
      description:
        'Members must turn on two-factor sign-in before they work in this organization (accounts of an OpenID provider excepted).',
    }),
  },
  { $id: 'SignInPolicy', additionalProperties: false },
);
export type SignInPolicy = Static<typeof SignInPolicy>;
export const SignInPolicyParams = Type.Object({ orgId: Uuid });
