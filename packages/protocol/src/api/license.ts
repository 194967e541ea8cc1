import { Type, type Static } from 'typebox';
import { MultilineText, Text } from '../text.ts';
import { IsoDateTime, Uuid } from './common.ts';

/** What a license grants. The file is `{ "license": LicenseTerms, "signature": base64 Ed25519 }`. */
export const LicenseTerms = Type.Object(
  {
    id: Text({ minLength: 1, maxLength: 64 }),
    licensee: Text({ minLength: 1, maxLength: 200 }),
    devices: Type.Integer({
      minimum: 1,
      maximum: 10_000_000,
      description: 'Pro Audio devices the enterprise may monitor.',
    }),
    issuedAt: IsoDateTime,
    expiresAt: Type.Union([IsoDateTime, Type.Null()]),
  },
  { additionalProperties: false },
);
export type LicenseTerms = Static<typeof LicenseTerms>;

export const LicenseFile = Type.Object(
  { license: LicenseTerms, signature: Text({ minLength: 10, maxLength: 200 }) },
  { additionalProperties: false },
);
export type LicenseFile = Static<typeof LicenseFile>;

/** The exact bytes that are signed: the terms with keys in a fixed order. */
export function licenseSigningText(t: LicenseTerms): string {
  return JSON.stringify({
    id: t.id,
    licensee: t.licensee,
    devices: t.devices,
    issuedAt: t.issuedAt,
    expiresAt: t.expiresAt,
  });
}

/**
 * Where the installed license stands: `unlicensed` (none), `valid`, `expiring` (expires within
 * `licenseWarnDays`), `grace` (expired, its pool still granted until `graceEndsAt`), `expired`
 * (past the grace period: the unlicensed capacity applies).
 */
export const licenseStates = ['unlicensed', 'valid', 'expiring', 'grace', 'expired'] as const;
export type LicenseState = (typeof licenseStates)[number];
/** Days before its expiry that a license counts as expiring (the banner shows). */
export const licenseWarnDays = 30;

export const LicenseStatus = Type.Object(
  {
    edition: Type.Literal('enterprise'),
    capacity: Type.Integer({ description: 'Devices the organization may monitor now.' }),
    unlicensedCapacity: Type.Integer(),
    state: Type.Enum(licenseStates),
    expiresAt: Type.Union([IsoDateTime, Type.Null()], { description: 'When the license expires.' }),
    graceEndsAt: Type.Union([IsoDateTime, Type.Null()], {
      description: 'When its pool stops being granted (expiry plus the grace period).',
    }),
    license: Type.Union([
      Type.Object({
        id: Type.String(),
        licensee: Type.String(),
        devices: Type.Integer(),
        expiresAt: Type.Union([IsoDateTime, Type.Null()]),
        installedAt: IsoDateTime,
        expired: Type.Boolean(),
      }),
      Type.Null(),
    ]),
  },
  { $id: 'LicenseStatus' },
);
export type LicenseStatus = Static<typeof LicenseStatus>;

export const UploadLicenseRequest = Type.Object(
  { document: MultilineText({ minLength: 2, maxLength: 20_000, description: 'The license file’s text.' }) },
  { $id: 'UploadLicenseRequest', additionalProperties: false },
);
export const LicenseParams = Type.Object({ orgId: Uuid });
