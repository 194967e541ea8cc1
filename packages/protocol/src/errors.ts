import { Type, type Static } from 'typebox';

/**
 * Stable error codes. Clients branch on `code`, never on `message`, so a code is never renamed;
 * a new situation gets a new code.
 */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  BadRequest: 'BAD_REQUEST',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** A JSON body nested deeper than the hub reads (64 levels). */
  BodyTooDeep: 'BODY_TOO_DEEP',
  /** An address (path segment) longer than the router reads. */
  UriTooLong: 'URI_TOO_LONG',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  RateLimited: 'RATE_LIMITED',
  NotReady: 'NOT_READY',
  Internal: 'INTERNAL',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  AccountLocked: 'ACCOUNT_LOCKED',
  TermsRequired: 'TERMS_REQUIRED',
  CsrfFailed: 'CSRF_FAILED',
  WeakPassword: 'WEAK_PASSWORD',
  TokenInvalid: 'TOKEN_INVALID',
  PoolExceeded: 'POOL_EXCEEDED',
  NameTaken: 'NAME_TAKEN',
  LastOwner: 'LAST_OWNER',
  OrgRequired: 'ORG_REQUIRED',
  LicenseInvalid: 'LICENSE_INVALID',
  SmsNotVerified: 'SMS_NOT_VERIFIED',
  SmsCodeInvalid: 'SMS_CODE_INVALID',
  SmsSendFailed: 'SMS_SEND_FAILED',
  SmtpTestFailed: 'SMTP_TEST_FAILED',
  TokenOutlivesParent: 'TOKEN_OUTLIVES_PARENT',
  FileQuotaExceeded: 'FILE_QUOTA_EXCEEDED',
  TooManyTransfers: 'TOO_MANY_TRANSFERS',
  /** The invoice is not in a state that allows this (e.g. editing an issued invoice). */
  InvoiceState: 'INVOICE_STATE',
  /** The account's password is kept by its directory or OpenID provider, not here. */
  PasswordExternal: 'PASSWORD_EXTERNAL',
  /** The organization's directory could not be reached or answered with an error. */
  DirectoryUnavailable: 'DIRECTORY_UNAVAILABLE',
  /** The directory knows the person but refuses them here (account disabled, no group that gives a role). */
  DirectoryRefused: 'DIRECTORY_REFUSED',
  /** "Test connection" / "Test a user" of a directory failed; the message says at which step. */
  DirectoryTestFailed: 'DIRECTORY_TEST_FAILED',
  /** An OpenID sign-in failed (provider unreachable, state expired, claims map to no role). */
  OidcFailed: 'OIDC_FAILED',
  /** The password was right; the sign-in waits for a second factor (TOTP or recovery code). */
  SecondFactorRequired: 'SECOND_FACTOR_REQUIRED',
  /** The TOTP or recovery code is wrong, used already, or the sign-in waiting for it has expired. */
  SecondFactorInvalid: 'SECOND_FACTOR_INVALID',
  /** The organization requires two-factor sign-in: turn it on before working in it. */
  TwoFactorSetupRequired: 'TWO_FACTOR_SETUP_REQUIRED',
  /** The agent cannot take the offered build now (not connected, already on it, cannot replace itself). */
  AgentUpdateUnavailable: 'AGENT_UPDATE_UNAVAILABLE',
  /** A firmware file is not a valid image for the package's models (header, version, size, SHA-256). */
  FirmwareInvalid: 'FIRMWARE_INVALID',
  /** The firmware package is withdrawn: no new update starts with it. */
  FirmwareWithdrawn: 'FIRMWARE_WITHDRAWN',
  /** The campaign is not in a state that allows this (e.g. resuming a completed campaign). */
  CampaignState: 'CAMPAIGN_STATE',
  /** A campaign's filter chose no device the package can update. */
  CampaignEmpty: 'CAMPAIGN_EMPTY',
  /** Approval must come from someone other than the campaign's author. */
  CampaignSelfApproval: 'CAMPAIGN_SELF_APPROVAL',
  /** A configuration version loads only to devices of the model it was taken from. */
  ConfigurationModelMismatch: 'CONFIGURATION_MODEL_MISMATCH',
  /** No COLLABORATE Space link for this (link in My Account first). */
  CollaborateSpaceNotLinked: 'COLLABORATE_SPACE_NOT_LINKED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The one JSON shape of every error answer of the hub (and of the agent's local API). */
export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. VALIDATION_FAILED.' }),
      message: Type.String({ description: 'Human-readable explanation, safe to show to the user.' }),
      details: Type.Optional(
        Type.Array(
          Type.Object({
            path: Type.String({ description: 'Where the problem is, e.g. /body/name.' }),
            message: Type.String(),
          }),
        ),
      ),
      requestId: Type.Optional(Type.String()),
    }),
  },
  { $id: 'ErrorBody', description: 'Error answer: a stable code and a human message.' },
);
export type ErrorBody = Static<typeof ErrorBody>;
