import { Type, type Static } from 'typebox';

/**
 * COLLABORATE Live codec status interface [G] (devices.md §2.5: no public LAN API was found). The
 * simulator serves it and the agent polls it: `GET <videoStatusPath>` → `VideoCodecStatus` JSON.
 * Unreachable → Down; `csRegistered: false` → Communication Service Failed.
 */
export const videoStatusPath = '/api/v1/status';
/**
 * [G] A firmware image is posted here (the body, application/octet-stream); 202 when the codec takes
 * it, then it installs it, restarts (unreachable for a while) and comes back with the version.
 */
export const videoFirmwarePath = '/api/v1/firmware';

export const VideoCodecStatus = Type.Object(
  {
    model: Type.String({ description: 'Model code, e.g. CL600 (models.ts).' }),
    name: Type.String(),
    serial: Type.String(),
    firmware: Type.String(),
    mac: Type.String(),
    csRegistered: Type.Boolean({
      description: 'Registered with its COLLABORATE Space communication service.',
    }),
    csServer: Type.String(),
    uptimeSeconds: Type.Number(),
  },
  { $id: 'VideoCodecStatus' },
);
export type VideoCodecStatus = Static<typeof VideoCodecStatus>;
