import { Type, type Static } from 'typebox';
import { Text } from '../text.ts';
import { Uuid } from './common.ts';

/**
 * The read API of the vendor's AV manager that monitoring integrations were written against,
 * answered by Crosspoint so they keep working (docs/compatible-api.md). Field names are theirs.
 */
const deviceFields = {
  id: Uuid,
  productModel: Type.String(),
  serialNumber: Type.String(),
  firmwareVersion: Type.String(),
  hasNewFirmware: Type.Boolean(),
  locateMode: Type.Boolean({ description: 'The locate light is on (status "Locate Light On").' }),
  relativeStatus: Type.String({
    description: '"<STATUS> - <time in this status>", e.g. "Healthy - 6 hours".',
  }),
  location: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  ipAddress: Type.String(),
  organization: Type.String(),
};
export const CompatibleDevice = Type.Object(deviceFields, { $id: 'CompatibleDevice' });
export type CompatibleDevice = Static<typeof CompatibleDevice>;

export const CompatibleDeviceDetail = Type.Object(
  {
    ...deviceFields,
    partNumber: Type.String({
      description:
        'The model code the device reports (e.g. CP2_128V); the vendor’s own part numbers are not known here.',
    }),
    status: Type.String(),
    statusSince: Type.String({ format: 'date-time' }),
  },
  { $id: 'CompatibleDeviceDetail' },
);
export type CompatibleDeviceDetail = Static<typeof CompatibleDeviceDetail>;

export const CompatibleSearchAnswer = Type.Object(
  { avDevices: Type.Array(CompatibleDevice) },
  { $id: 'CompatibleSearchAnswer' },
);
export type CompatibleSearchAnswer = Static<typeof CompatibleSearchAnswer>;

export const CompatibleSearchQuery = Type.Object(
  {
    q: Type.Optional(
      Text({ maxLength: 200, description: 'An IP address, or text in a name, serial, model or path.' }),
    ),
  },
  { additionalProperties: false },
);
export const CompatibleDeviceParams = Type.Object({ deviceId: Uuid });
