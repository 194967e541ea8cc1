import { cleanDeviceText, linkTextLimits, type VideoCodecStatus } from '@crosspoint/protocol';

/**
 * The one place the drivers clean what devices report (CP2 and BMA replies, codec status): no
 * control character, no unpaired surrogate, and a bounded length, so no device can put into a
 * link frame what the hub cannot store (a NUL in a codec's name once blocked a whole agent's link).
 * Values that become a device's identity are cut to the link's limits (frames.ts), so the agent
 * compares, addresses and reports the same text; any other value to `otherTextLimit`.
 */
const otherTextLimit = 1000;

/** Limits by the name the dialect tables (and the codec status) give a value. */
const limits: Readonly<Record<string, number>> = {
  serial: linkTextLimits.serial,
  firmware: linkTextLimits.firmware,
  model: linkTextLimits.model,
  name: linkTextLimits.name,
  box: linkTextLimits.name,
  // Shown in the device's path as `Stack <stack>`, `C-Link <clink>`, `P-Link <plink>`.
  stack: linkTextLimits.pathSegment - 'Stack '.length,
  clink: linkTextLimits.pathSegment - 'C-Link '.length,
  plink: linkTextLimits.pathSegment - 'P-Link '.length,
};

/** One value a device reported, cleaned and cut to the limit of its kind (`field`: serial, name, box…). */
export const deviceText = (value: string, field: string): string =>
  cleanDeviceText(value, limits[field] ?? otherTextLimit);

/** A parsed reply with every text parameter cleaned (the same object when nothing needed it). */
export function cleanReply<R extends { params: object }>(reply: R): R {
  let params: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(reply.params)) {
    if (typeof value !== 'string') continue;
    const clean = deviceText(value, key);
    if (clean !== value) (params ??= { ...reply.params })[key] = clean;
  }
  return params ? { ...reply, params } : reply;
}

/** A codec's status with its text cleaned. */
export function cleanCodecStatus(status: VideoCodecStatus): VideoCodecStatus {
  return {
    ...status,
    model: deviceText(status.model, 'model'),
    name: deviceText(status.name, 'name'),
    serial: deviceText(status.serial, 'serial'),
    firmware: deviceText(status.firmware, 'firmware'),
    mac: deviceText(status.mac, 'mac'),
    csServer: deviceText(status.csServer, 'csServer'),
  };
}
