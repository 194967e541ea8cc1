import { Type, type Static } from 'typebox';
import { Text } from '../text.ts';
import { IsoDateTime, Uuid } from './common.ts';

/**
 * Device commands. Files travel apart: a firmware image or project is uploaded first
 * (`POST …/files`) and named here by its id; the agent fetches it from the hub. Backups and logs
 * come back the same way, as file ids in the job's result.
 */
export const DeviceCommandRequest = Type.Union(
  [
    Type.Object({ type: Type.Literal('locate'), on: Type.Boolean() }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('safetyMute'), on: Type.Boolean() }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('ftp'), enabled: Type.Boolean() }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('restart') }, { additionalProperties: false }),
    Type.Object(
      {
        type: Type.Literal('setCredentials'),
        username: Text({ minLength: 1, maxLength: 64 }),
        password: Text({ minLength: 1, maxLength: 128 }),
      },
      { additionalProperties: false },
    ),
    Type.Object({ type: Type.Literal('backupConfig') }, { additionalProperties: false }),
    Type.Object(
      { type: Type.Literal('restoreConfig'), backupId: Text({ minLength: 1, maxLength: 120 }) },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        type: Type.Literal('provisionVoip'),
        line: Type.Integer({ minimum: 1, maximum: 5 }),
        enabled: Type.Boolean(),
        user: Text({ maxLength: 64 }),
        password: Text({ maxLength: 128 }),
        registrar: Text({ maxLength: 255 }),
        restartVoip: Type.Optional(Type.Boolean()),
      },
      { additionalProperties: false },
    ),
    Type.Object({ type: Type.Literal('restartVoip') }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('voipStatus') }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('firmwareUpdate'), fileId: Uuid }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('loadConfig'), fileId: Uuid }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('downloadLogs') }, { additionalProperties: false }),
  ],
  { $id: 'DeviceCommandRequest' },
);
export type DeviceCommandRequest = Static<typeof DeviceCommandRequest>;

/** Commands that change a device in a way people notice: the web app asks for confirmation. */
export const riskyCommands: readonly DeviceCommandRequest['type'][] = [
  'restart',
  'setCredentials',
  'restoreConfig',
  'provisionVoip',
  'restartVoip',
  'firmwareUpdate',
  'loadConfig',
];

/** Commands that name an uploaded file, and the kind of file each takes. */
export const fileCommands = { firmwareUpdate: 'firmware', loadConfig: 'project' } as const;

export const Job = Type.Object(
  {
    id: Uuid,
    deviceId: Type.Union([Uuid, Type.Null()]),
    command: Type.Record(Type.String(), Type.Unknown()),
    status: Type.Enum(['queued', 'running', 'succeeded', 'failed'] as const),
    percent: Type.Number(),
    phase: Type.String(),
    result: Type.Union([Type.Unknown(), Type.Null()]),
    error: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
    createdBy: Type.String(),
    createdAt: IsoDateTime,
    finishedAt: Type.Union([IsoDateTime, Type.Null()]),
  },
  { $id: 'Job' },
);
export type Job = Static<typeof Job>;
export const JobList = Type.Object({ items: Type.Array(Job) }, { $id: 'JobList' });
export const JobParams = Type.Object({ orgId: Uuid, jobId: Uuid });
export const RunCommandRequest = Type.Object(
  {
    deviceIds: Type.Array(Uuid, { minItems: 1, maxItems: 10_000 }),
    command: DeviceCommandRequest,
    /** How long to wait for an offline agent before failing the job (seconds). */
    deadlineS: Type.Optional(Type.Integer({ minimum: 5, maximum: 86_400, default: 120 })),
  },
  { $id: 'RunCommandRequest', additionalProperties: false },
);
export type RunCommandRequest = Static<typeof RunCommandRequest>;
