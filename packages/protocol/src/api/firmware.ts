import { Type, type Static } from 'typebox';
import { MultilineText, Text } from '../text.ts';
import { deviceFamilies, deviceModelCodes } from '../devices/models.ts';
import { IsoDateTime, OrgRef, Uuid, listQueryFields } from './common.ts';

// The firmware catalog (packages people publish) and campaigns (staged roll-outs of a package).

export const FirmwareVersion = Type.String({
  pattern: '^\\d{1,5}\\.\\d{1,5}\\.\\d{1,5}\\.\\d{1,5}$',
  description: 'Four-part dotted version, e.g. 8.4.0.1.',
});
const Sha256 = Type.String({ pattern: '^[0-9a-fA-F]{64}$', description: 'Hex SHA-256 of the image.' });
const ModelCode = Type.Enum(deviceModelCodes, { description: 'A model code of the model catalog.' });
const Family = Type.Enum(deviceFamilies);

export const firmwarePackageStatuses = ['available', 'withdrawn'] as const;

export const FirmwarePackage = Type.Object(
  {
    id: Uuid,
    organization: OrgRef,
    /** Who published it, seen from the caller: the platform operator, the caller's own organization, or its support organization. */
    publisher: Type.Enum(['platform', 'own', 'support'] as const),
    family: Family,
    models: Type.Array(ModelCode),
    version: FirmwareVersion,
    releaseNotes: Type.String(),
    fileId: Uuid,
    fileName: Type.String(),
    bytes: Type.Integer(),
    sha256: Type.String(),
    signature: Type.Union([Type.String(), Type.Null()]),
    status: Type.Enum(firmwarePackageStatuses),
    createdBy: Type.String(),
    createdAt: IsoDateTime,
    withdrawnAt: Type.Union([IsoDateTime, Type.Null()]),
  },
  { $id: 'FirmwarePackage' },
);
export type FirmwarePackage = Static<typeof FirmwarePackage>;

export const FirmwarePackageList = Type.Object(
  { items: Type.Array(FirmwarePackage), total: Type.Integer() },
  { $id: 'FirmwarePackageList' },
);
export type FirmwarePackageList = Static<typeof FirmwarePackageList>;

export const firmwarePackageSorts = ['createdAt', 'version', 'family'] as const;
export const FirmwarePackageQuery = Type.Object(
  {
    search: listQueryFields.search,
    order: listQueryFields.order,
    sort: Type.Optional(Type.Enum(firmwarePackageSorts, { default: 'createdAt' })),
    family: Type.Optional(Family),
    status: Type.Optional(Type.Enum(firmwarePackageStatuses)),
  },
  { additionalProperties: false },
);
export type FirmwarePackageQuery = Static<typeof FirmwarePackageQuery>;

export const CreateFirmwarePackageRequest = Type.Object(
  {
    /** A firmware file uploaded first (`uploadFile` with kind firmware). */
    fileId: Uuid,
    models: Type.Array(ModelCode, { minItems: 1, maxItems: 32, uniqueItems: true }),
    version: FirmwareVersion,
    releaseNotes: Type.Optional(MultilineText({ maxLength: 4000 })),
    /** The SHA-256 the publisher expects: the hub computes the file's and refuses a mismatch. */
    sha256: Sha256,
    signature: Type.Optional(
      Type.String({ minLength: 1, maxLength: 2048, pattern: '^[A-Za-z0-9+/=_-]+$', description: 'Base64.' }),
    ),
  },
  { $id: 'CreateFirmwarePackageRequest', additionalProperties: false },
);
export type CreateFirmwarePackageRequest = Static<typeof CreateFirmwarePackageRequest>;
export const FirmwarePackageParams = Type.Object({ orgId: Uuid, packageId: Uuid });

// Campaigns

export const campaignStatuses = [
  'awaiting-approval',
  'running',
  'paused',
  'halted',
  'completed',
  'aborted',
] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];
export const campaignTargetStates = [
  'pending',
  'updating',
  'verifying',
  'updated',
  'failed',
  'skipped',
  'cancelled',
] as const;
export type CampaignTargetState = (typeof campaignTargetStates)[number];

const HhMm = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Local time, HH:MM.' });
export const CampaignWindow = Type.Object(
  {
    days: Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), {
      minItems: 1,
      maxItems: 7,
      uniqueItems: true,
      description: '0 = Sunday … 6 = Saturday.',
    }),
    start: HhMm,
    durationMinutes: Type.Integer({ minimum: 15, maximum: 10_080 }),
    timeZone: Text({
      minLength: 1,
      maxLength: 64,
      description: 'IANA time zone of the sites, e.g. Europe/Berlin.',
    }),
  },
  { additionalProperties: false, $id: 'CampaignWindow' },
);
export type CampaignWindow = Static<typeof CampaignWindow>;

export const CampaignFilter = Type.Object(
  {
    families: Type.Optional(Type.Array(Family, { maxItems: 8, uniqueItems: true })),
    models: Type.Optional(Type.Array(ModelCode, { maxItems: 32, uniqueItems: true })),
    versions: Type.Optional(Type.Array(FirmwareVersion, { maxItems: 32, uniqueItems: true })),
    locationId: Type.Optional(Uuid),
    organizationIds: Type.Optional(Type.Array(Uuid, { maxItems: 500, uniqueItems: true })),
  },
  { additionalProperties: false, $id: 'CampaignFilter' },
);
export type CampaignFilter = Static<typeof CampaignFilter>;

export const CampaignWaveSpec = Type.Object(
  {
    unit: Type.Enum(['count', 'percent'] as const),
    size: Type.Integer({ minimum: 1, maximum: 100_000 }),
  },
  { additionalProperties: false },
);

export const CreateCampaignRequest = Type.Object(
  {
    name: Text({ minLength: 1, maxLength: 120 }),
    packageId: Uuid,
    filter: CampaignFilter,
    /** Devices of the pilot wave (0: no pilot). */
    pilot: Type.Integer({ minimum: 0, maximum: 1000 }),
    /** The waves after the pilot; what they leave goes in a last wave. */
    waves: Type.Array(CampaignWaveSpec, { maxItems: 20 }),
    /** Percent of a wave that must be updated for the next wave to start. */
    successThreshold: Type.Integer({ minimum: 0, maximum: 100 }),
    /** Percent of a wave failed at which the campaign halts. */
    errorThreshold: Type.Integer({ minimum: 1, maximum: 100 }),
    /** Minutes a device has to come back Healthy with the new version and the same peripherals. */
    healthGateMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    window: Type.Optional(CampaignWindow),
    requireApproval: Type.Optional(Type.Boolean()),
  },
  { $id: 'CreateCampaignRequest', additionalProperties: false },
);
export type CreateCampaignRequest = Static<typeof CreateCampaignRequest>;

export const CampaignWave = Type.Object({
  index: Type.Integer({ description: '0 is the pilot when there is one.' }),
  pilot: Type.Boolean(),
  total: Type.Integer(),
  pending: Type.Integer(),
  running: Type.Integer({ description: 'Updating or waiting for the health gate.' }),
  updated: Type.Integer(),
  failed: Type.Integer(),
  skipped: Type.Integer(),
  cancelled: Type.Integer(),
});
export type CampaignWave = Static<typeof CampaignWave>;

export const Campaign = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    package: Type.Object({ id: Uuid, family: Family, version: Type.String(), models: Type.Array(ModelCode) }),
    filter: CampaignFilter,
    pilot: Type.Integer(),
    successThreshold: Type.Integer(),
    errorThreshold: Type.Integer(),
    healthGateMinutes: Type.Integer(),
    window: Type.Union([CampaignWindow, Type.Null()]),
    requireApproval: Type.Boolean(),
    status: Type.Enum(campaignStatuses),
    currentWave: Type.Integer(),
    haltReason: Type.Union([Type.String(), Type.Null()]),
    waves: Type.Array(CampaignWave),
    createdBy: Type.String(),
    approvedBy: Type.Union([Type.String(), Type.Null()]),
    createdAt: IsoDateTime,
    startedAt: Type.Union([IsoDateTime, Type.Null()]),
    finishedAt: Type.Union([IsoDateTime, Type.Null()]),
  },
  { $id: 'Campaign' },
);
export type Campaign = Static<typeof Campaign>;
export const CampaignList = Type.Object({ items: Type.Array(Campaign) }, { $id: 'CampaignList' });
export const CampaignParams = Type.Object({ orgId: Uuid, campaignId: Uuid });

export const CampaignTarget = Type.Object(
  {
    deviceId: Uuid,
    deviceName: Type.String(),
    model: Type.String(),
    organization: OrgRef,
    wave: Type.Integer(),
    state: Type.Enum(campaignTargetStates),
    fromVersion: Type.String(),
    firmware: Type.String(),
    reason: Type.Union([Type.String(), Type.Null()]),
    jobId: Type.Union([Uuid, Type.Null()]),
    startedAt: Type.Union([IsoDateTime, Type.Null()]),
    finishedAt: Type.Union([IsoDateTime, Type.Null()]),
  },
  { $id: 'CampaignTarget' },
);
export type CampaignTarget = Static<typeof CampaignTarget>;
export const CampaignTargetList = Type.Object(
  { items: Type.Array(CampaignTarget), total: Type.Integer() },
  { $id: 'CampaignTargetList' },
);
export const CampaignTargetQuery = Type.Object(
  {
    state: Type.Optional(Type.Enum(campaignTargetStates)),
    wave: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  },
  { additionalProperties: false },
);
export type CampaignTargetQuery = Static<typeof CampaignTargetQuery>;
