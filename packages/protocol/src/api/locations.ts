import { Type, type Static } from 'typebox';
import { Text } from '../text.ts';
import { Uuid } from './common.ts';

export const locationKinds = ['region', 'site', 'building', 'floor', 'room', 'other'] as const;

export const Location = Type.Object(
  {
    id: Uuid,
    parentId: Type.Union([Uuid, Type.Null()]),
    name: Type.String(),
    kind: Type.Enum(locationKinds),
    path: Type.Array(Type.String(), {
      description: 'Names from the top, e.g. ["EMEA", "Berlin HQ", "Floor 3"].',
    }),
    servers: Type.Integer(),
    timeZone: Type.Union([Type.String(), Type.Null()], {
      description: 'Its own IANA time zone; null: as the location above it (firmware campaigns’ windows).',
    }),
  },
  { $id: 'Location' },
);
export type Location = Static<typeof Location>;
export const LocationList = Type.Object({ items: Type.Array(Location) }, { $id: 'LocationList' });

export const CreateLocationRequest = Type.Object(
  {
    name: Text({ minLength: 1, maxLength: 120 }),
    kind: Type.Enum(locationKinds),
    parentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    timeZone: Type.Optional(
      Type.Union([Text({ minLength: 1, maxLength: 64 }), Type.Null()], {
        description: 'IANA time zone, e.g. Europe/Berlin (null: as the location above it).',
      }),
    ),
  },
  { $id: 'CreateLocationRequest', additionalProperties: false },
);
export type CreateLocationRequest = Static<typeof CreateLocationRequest>;
export const UpdateLocationRequest = Type.Object(
  {
    name: Type.Optional(Text({ minLength: 1, maxLength: 120 })),
    kind: Type.Optional(Type.Enum(locationKinds)),
    parentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    timeZone: Type.Optional(
      Type.Union([Text({ minLength: 1, maxLength: 64 }), Type.Null()], {
        description: 'IANA time zone, e.g. Europe/Berlin (null: as the location above it).',
      }),
    ),
  },
  { $id: 'UpdateLocationRequest', additionalProperties: false },
);
export type UpdateLocationRequest = Static<typeof UpdateLocationRequest>;
export const LocationParams = Type.Object({ orgId: Uuid, locationId: Uuid });
