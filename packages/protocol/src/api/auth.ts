import { Type, type Static } from 'typebox';
import { Text } from '../text.ts';
import { Email, Uuid } from './common.ts';
import { roles } from '../auth/roles.ts';

/** Versions of the Terms of Use and Privacy Policy a user must accept once. */
export const currentTerms = { terms: '2026-11', privacy: '2026-11' } as const;

/** The twelve languages of the product (the screens, email, SMS and the agent's local page speak each). */
export const languages = ['en', 'fr', 'it', 'es', 'de', 'pt', 'pl', 'zh', 'ko', 'ja', 'ar', 'ru'] as const;
export const Language = Type.Enum(languages, { default: 'en' });
/** Each language in its own name, for language menus (endonyms are never translated). */
export const languageNames: Record<(typeof languages)[number], string> = {
  en: 'English',
  fr: 'Français',
  it: 'Italiano',
  es: 'Español',
  de: 'Deutsch',
  pt: 'Português',
  pl: 'Polski',
  zh: '简体中文',
  ko: '한국어',
  ja: '日本語',
  ar: 'العربية',
  ru: 'Русский',
};

export const SignInRequest = Type.Object(
  {
    login: Text({ minLength: 1, maxLength: 254, description: 'Username or email address.' }),
    password: Text({ minLength: 1, maxLength: 1000 }),
    staySignedIn: Type.Optional(Type.Boolean({ default: false })),
  },
  { $id: 'SignInRequest', additionalProperties: false },
);
export type SignInRequest = Static<typeof SignInRequest>;

export const OrgKind = Type.Union([
  Type.Literal('platform'),
  Type.Literal('support'),
  Type.Literal('client'),
  Type.Literal('enterprise'),
]);
export type OrgKind = Static<typeof OrgKind>;
export const RoleSchema = Type.Enum(roles);

/** An organization the user can act in ("Choose Organization…"). */
export const OrgChoice = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    kind: OrgKind,
    parentName: Type.Union([Type.String(), Type.Null()]),
    role: RoleSchema,
    via: Type.Union([Type.Literal('member'), Type.Literal('support'), Type.Literal('platform')]),
  },
  { $id: 'OrgChoice' },
);
export type OrgChoice = Static<typeof OrgChoice>;

export const SessionUser = Type.Object({
  id: Uuid,
  email: Type.String(),
  username: Type.Union([Type.String(), Type.Null()]),
  firstName: Type.String(),
  lastName: Type.String(),
  language: Type.String(),
  smsNumber: Type.Union([Type.String(), Type.Null()], {
    description: 'The number SMS alerts go to (only once verified).',
  }),
  smsVerified: Type.Boolean({
    description:
      'false: the number was saved before numbers had to be verified; it gets no SMS until verified.',
  }),
  smsPending: Type.Union(
    [Type.Object({ number: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }), Type.Null()],
    {
      description: 'A number waiting for the code texted to it.',
    },
  ),
  uiSettings: Type.Record(Type.String(), Type.Unknown()),
});

export const SessionInfo = Type.Object(
  {
    user: SessionUser,
    csrfToken: Type.String({ description: 'Send back as the x-csrf-token header on every change.' }),
    currentOrg: Type.Union([OrgChoice, Type.Null()]),
    organizations: Type.Array(OrgChoice),
    termsRequired: Type.Boolean({
      description: 'The user must accept the current terms before anything else.',
    }),
    terms: Type.Object({ terms: Type.String(), privacy: Type.String() }),
    permissions: Type.Array(Type.String(), {
      description: 'What the user may do in the current organization.',
    }),
    twoFactor: Type.Object({
      enabled: Type.Boolean(),
      setupRequired: Type.Boolean({
        description:
          'The current organization requires two-factor sign-in and this person has not turned it on: nothing else works there until they do.',
      }),
    }),
  },
  { $id: 'SessionInfo' },
);
export type SessionInfo = Static<typeof SessionInfo>;

export const AcceptTermsRequest = Type.Object(
  { terms: Text({ maxLength: 40 }), privacy: Text({ maxLength: 40 }) },
  { $id: 'AcceptTermsRequest', additionalProperties: false },
);
export const SwitchOrgRequest = Type.Object(
  { orgId: Uuid },
  { $id: 'SwitchOrgRequest', additionalProperties: false },
);
export const ForgotPasswordRequest = Type.Object(
  { email: Email },
  { $id: 'ForgotPasswordRequest', additionalProperties: false },
);
export const ResetPasswordRequest = Type.Object(
  { token: Text({ minLength: 20, maxLength: 200 }), password: Text({ minLength: 1, maxLength: 1000 }) },
  { $id: 'ResetPasswordRequest', additionalProperties: false },
);
export const RegisterRequest = Type.Object(
  {
    token: Text({ minLength: 20, maxLength: 200 }),
    password: Text({ minLength: 1, maxLength: 1000 }),
    firstName: Type.Optional(Text({ maxLength: 100 })),
    lastName: Type.Optional(Text({ maxLength: 100 })),
    username: Type.Optional(Type.String({ minLength: 3, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' })),
  },
  { $id: 'RegisterRequest', additionalProperties: false },
);
export const InvitationInfo = Type.Object(
  { email: Type.String(), organization: Type.String(), role: RoleSchema, expiresAt: Type.String() },
  { $id: 'InvitationInfo' },
);
export const PasswordStrengthRequest = Type.Object(
  {
    password: Text({ maxLength: 1000 }),
    kind: Type.Union([Type.Literal('user'), Type.Literal('agent')], { default: 'user' }),
    userInputs: Type.Optional(Type.Array(Text({ maxLength: 200 }), { maxItems: 10 })),
  },
  { $id: 'PasswordStrengthRequest', additionalProperties: false },
);
export const PasswordStrength = Type.Object(
  {
    score: Type.Integer({ minimum: 0, maximum: 4 }),
    acceptable: Type.Boolean(),
    brokenRules: Type.Array(Type.String()),
    warning: Type.String(),
    suggestions: Type.Array(Type.String()),
  },
  { $id: 'PasswordStrength' },
);
export type PasswordStrength = Static<typeof PasswordStrength>;

export const UpdateMeRequest = Type.Object(
  {
    firstName: Type.Optional(Text({ maxLength: 100 })),
    lastName: Type.Optional(Text({ maxLength: 100 })),
    language: Type.Optional(Language),
    uiSettings: Type.Optional(Type.Record(Text({ maxLength: 64 }), Type.Unknown(), { maxProperties: 50 })),
  },
  { $id: 'UpdateMeRequest', additionalProperties: false },
);
export const ChangeSmsRequest = Type.Object(
  {
    smsNumber: Type.Union(
      [
        Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', description: 'E.164, e.g. +18015550100' }),
        Type.Null(),
      ],
      {
        description:
          'A number: a 6-digit code is texted to it, and it takes effect once verified (POST /api/v1/me/sms-number/verify). null: stop SMS alerts and forget the number.',
      },
    ),
  },
  { $id: 'ChangeSmsRequest', additionalProperties: false },
);
export const SmsVerificationStarted = Type.Object(
  {
    pending: Type.Union([
      Type.Object({
        number: Type.String(),
        expiresAt: Type.String({ format: 'date-time' }),
        resendAfter: Type.String({
          format: 'date-time',
          description: 'Another code can be asked for from then on.',
        }),
      }),
      Type.Null(),
    ]),
  },
  { $id: 'SmsVerificationStarted' },
);
export type SmsVerificationStarted = Static<typeof SmsVerificationStarted>;
export const VerifySmsRequest = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6}$', description: 'The 6 digits texted to the new number.' }) },
  { $id: 'VerifySmsRequest', additionalProperties: false },
);
export const SmsVerified = Type.Object({ smsNumber: Type.String() }, { $id: 'SmsVerified' });
export const ChangePasswordRequest = Type.Object(
  {
    currentPassword: Text({ minLength: 1, maxLength: 1000 }),
    newPassword: Text({ minLength: 1, maxLength: 1000 }),
  },
  { $id: 'ChangePasswordRequest', additionalProperties: false },
);
