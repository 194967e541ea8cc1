import { Type, type Static } from 'typebox';
import { Text } from '../text.ts';
import { IsoDateTime, Uuid } from './common.ts';

// Maintenance windows: when and where alerts are muted (recorded, nothing sent).

export const maintenanceScopes = ['organization', 'location', 'device'] as const;
const HhMm = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Local time, HH:MM.' });
export const MaintenanceSchedule = Type.Union(
  [
    Type.Object(
      { kind: Type.Literal('once'), startsAt: IsoDateTime, endsAt: IsoDateTime },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        kind: Type.Literal('weekly'),
        days: Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), {
          minItems: 1,
          maxItems: 7,
          uniqueItems: true,
          description: '0 = Sunday … 6 = Saturday.',
        }),
        start: HhMm,
        durationMinutes: Type.Integer({ minimum: 1, maximum: 10_080 }),
        timeZone: Type.Optional(
          Text({
            minLength: 1,
            maxLength: 64,
            description: 'IANA time zone, e.g. Europe/Berlin (default UTC).',
          }),
        ),
      },
      { additionalProperties: false },
    ),
  ],
  { $id: 'MaintenanceSchedule' },
);
export type MaintenanceSchedule = Static<typeof MaintenanceSchedule>;

export const MaintenanceWindow = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    scope: Type.Enum(maintenanceScopes),
    locationId: Type.Union([Uuid, Type.Null()]),
    deviceId: Type.Union([Uuid, Type.Null()]),
    schedule: MaintenanceSchedule,
    active: Type.Boolean({ description: 'Muting alerts right now.' }),
    createdBy: Type.String(),
    createdAt: IsoDateTime,
  },
  { $id: 'MaintenanceWindow' },
);
export type MaintenanceWindow = Static<typeof MaintenanceWindow>;
export const MaintenanceWindowList = Type.Object(
  { items: Type.Array(MaintenanceWindow) },
  { $id: 'MaintenanceWindowList' },
);
export const CreateMaintenanceWindowRequest = Type.Object(
  {
    name: Text({ minLength: 1, maxLength: 100 }),
    scope: Type.Enum(maintenanceScopes),
    locationId: Type.Optional(Uuid),
    deviceId: Type.Optional(Uuid),
    schedule: MaintenanceSchedule,
  },
  { $id: 'CreateMaintenanceWindowRequest', additionalProperties: false },
);
export type CreateMaintenanceWindowRequest = Static<typeof CreateMaintenanceWindowRequest>;
export const UpdateMaintenanceWindowRequest = Type.Object(
  {
    name: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
    schedule: Type.Optional(MaintenanceSchedule),
  },
  { $id: 'UpdateMaintenanceWindowRequest', additionalProperties: false },
);
export type UpdateMaintenanceWindowRequest = Static<typeof UpdateMaintenanceWindowRequest>;
export const MaintenanceWindowParams = Type.Object({ orgId: Uuid, windowId: Uuid });
