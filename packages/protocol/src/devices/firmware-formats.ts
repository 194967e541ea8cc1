import type { DeviceFamily } from './models.ts';
import { firmwareVersionPattern } from './cp2-dialect.ts';

/**
 * What a firmware image of each family looks like, as far as the hub checks it before it can be
 * used [G: the real images are vendor-signed blobs whose layout is not public; the simulator and
 * the hub agree on an ASCII header line `<PREFIX> <version>\n`]. CONVERGE Pro 2 and Huddle share
 * the CP2 image header the agent already reads (cp2-dialect.ts).
 */
export interface FirmwareFormat {
  /** The image's first bytes: this prefix, then the version, then a line break. */
  readonly header: string;
  /** The largest image of the family the hub accepts [G: a CP2 image is tens of MB]. */
  readonly maxBytes: number;
}

const mb = 1024 * 1024;

export const firmwareFormats: Readonly<Record<DeviceFamily, FirmwareFormat>> = {
  cp2: { header: 'CP2-FIRMWARE ', maxBytes: 128 * mb },
  huddle: { header: 'CP2-FIRMWARE ', maxBytes: 128 * mb },
  plink: { header: 'PLINK-FIRMWARE ', maxBytes: 16 * mb },
  bma360d: { header: 'BMA360D-FIRMWARE ', maxBytes: 32 * mb },
  video: { header: 'CL-FIRMWARE ', maxBytes: 128 * mb },
};

/** The version an image's header announces for the family, or undefined when it has none. */
export function imageVersionOf(family: DeviceFamily, head: Uint8Array): string | undefined {
  const prefix = firmwareFormats[family].header;
  const text = String.fromCharCode(...head.subarray(0, 64));
  if (!text.startsWith(prefix)) return undefined;
  const version = text.slice(prefix.length).split(/[\r\n\s]/)[0] ?? '';
  return firmwareVersionPattern.test(version) ? version : undefined;
}

/** The header of an image of the family for `version` (tests, the demo and the simulator build images with it). */
export function imageHeaderFor(family: DeviceFamily, version: string): Uint8Array {
  const text = `${firmwareFormats[family].header}${version}\n`;
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}
