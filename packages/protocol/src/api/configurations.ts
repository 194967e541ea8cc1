import { Type, type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common.ts';
import { Job } from './commands.ts';

// Configuration versions of devices: kept backups, their comparison, the baseline and drift.

/** Why a version was taken. */
export const configurationTriggers = [
  'schedule',
  'manual',
  'before-change',
  'after-change',
  'change-detected',
] as const;
export type ConfigurationTrigger = (typeof configurationTriggers)[number];

export const ConfigurationVersion = Type.Object(
  {
    id: Uuid,
    deviceId: Uuid,
    trigger: Type.Enum(configurationTriggers),
    /** Who asked for the backup (a person, the nightly schedule, the agent that saw a change). */
    createdBy: Type.String(),
    bytes: Type.Integer(),
    sha256: Type.String(),
    takenAt: IsoDateTime,
    /** The latest backup that found this same content (identical backups are not stored twice). */
    lastSeenAt: IsoDateTime,
    /** The backup file (download with `downloadFile`; Administrators and Owners). */
    fileId: Uuid,
    baseline: Type.Boolean({ description: 'This version is the device’s approved baseline.' }),
  },
  { $id: 'ConfigurationVersion' },
);
export type ConfigurationVersion = Static<typeof ConfigurationVersion>;

export const ConfigurationVersionList = Type.Object(
  {
    items: Type.Array(ConfigurationVersion),
    baseline: Type.Union([
      Type.Object({ versionId: Uuid, approvedBy: Type.String(), approvedAt: IsoDateTime }),
      Type.Null(),
    ]),
    /** The newest version differs from the baseline (null: no baseline or no version). */
    drifted: Type.Union([Type.Boolean(), Type.Null()]),
  },
  { $id: 'ConfigurationVersionList' },
);
export type ConfigurationVersionList = Static<typeof ConfigurationVersionList>;

export const ConfigurationVersionParams = Type.Object({ orgId: Uuid, versionId: Uuid });

/** One setting of a configuration, as people read it (e.g. section "Channels", "MIC 101 gain", "-6 dB"). */
export const ConfigurationRow = Type.Object({
  key: Type.String(),
  label: Type.String(),
  value: Type.String(),
});
export const ConfigurationSection = Type.Object({
  id: Type.String({ description: 'stack, boxes, channels, routing, voip, presets, macros, aliases' }),
  rows: Type.Array(ConfigurationRow),
});
export type ConfigurationSection = Static<typeof ConfigurationSection>;

export const ConfigurationContent = Type.Object(
  {
    version: ConfigurationVersion,
    /** `structured`: a CONVERGE Pro 2 project read into sections; `text`: the file as text. */
    format: Type.Enum(['structured', 'text'] as const),
    sections: Type.Array(ConfigurationSection),
    text: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'ConfigurationContent' },
);
export type ConfigurationContent = Static<typeof ConfigurationContent>;

export const ConfigurationChange = Type.Object({
  section: Type.String(),
  key: Type.String(),
  label: Type.String(),
  change: Type.Enum(['added', 'removed', 'changed'] as const),
  before: Type.Union([Type.String(), Type.Null()]),
  after: Type.Union([Type.String(), Type.Null()]),
});
export type ConfigurationChange = Static<typeof ConfigurationChange>;

export const ConfigurationDiff = Type.Object(
  {
    from: ConfigurationVersion,
    to: ConfigurationVersion,
    format: Type.Enum(['structured', 'text'] as const),
    /** Structured: every setting that differs. */
    changes: Type.Array(ConfigurationChange),
    /** Text (other families): the lines, each kept, added or removed. */
    lines: Type.Array(Type.Object({ op: Type.Enum([' ', '+', '-'] as const), text: Type.String() })),
    /** One line per change, for people (alerts, lists): "MIC 101 gain: 0 dB → -6 dB". */
    summary: Type.Array(Type.String()),
  },
  { $id: 'ConfigurationDiff' },
);
export type ConfigurationDiff = Static<typeof ConfigurationDiff>;

export const CompareConfigurationsQuery = Type.Object(
  { from: Uuid, to: Uuid },
  { additionalProperties: false },
);

export const BackupConfigurationsRequest = Type.Object(
  { deviceIds: Type.Array(Uuid, { minItems: 1, maxItems: 10_000, uniqueItems: true }) },
  { $id: 'BackupConfigurationsRequest', additionalProperties: false },
);
export const RestoreConfigurationRequest = Type.Object(
  {
    /** Devices to load the version to (the version's own device when left out); all of its model. */
    deviceIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 10_000, uniqueItems: true })),
  },
  { $id: 'RestoreConfigurationRequest', additionalProperties: false },
);
export const ConfigurationJobs = Type.Object({ items: Type.Array(Job) }, { $id: 'ConfigurationJobs' });

export const SetBaselineRequest = Type.Object(
  { versionId: Uuid },
  { $id: 'SetBaselineRequest', additionalProperties: false },
);

export const ConfigurationSettings = Type.Object(
  {
    nightly: Type.Boolean({ description: 'Back up every device each night (UTC).' }),
    keepVersions: Type.Integer({ minimum: 1, maximum: 10_000, description: 'Versions kept per device.' }),
    keepDays: Type.Integer({ minimum: 1, maximum: 3650, description: 'Days a version is kept.' }),
  },
  { $id: 'ConfigurationSettings', additionalProperties: false },
);
export type ConfigurationSettings = Static<typeof ConfigurationSettings>;
