import { deviceModels, maxBeamformersPerChain, type DeviceModelCode } from '@crosspoint/protocol';
import { SimError, SimErrorCode } from '../errors.ts';
import { seededRandom, randomInt, weighted, type Random } from '../prng.ts';
import type { SiteBox, SiteFile, SiteStack, SiteSubnet } from './schema.ts';

export interface GenerateOptions {
  /** Network devices to create (boxes, stand-alone mics and codecs; P-Link peripherals come on top). */
  devices: number;
  seed?: number;
  /** First two octets of the simulated subnets: `127.20` → 127.20.1.0/24, 127.20.2.0/24, … */
  subnetBase?: string;
  /** Telnet port written into the site (default 2323). */
  port?: number;
}

/** Network devices per /24 (addresses .10 upward). */
export const devicesPerSubnet = 240;
export const maxGeneratedDevices = 50_000;

const boxModels: Partial<Record<DeviceModelCode, number>> = {
  CP2_128V: 20,
  CP2_48V: 15,
  CP2_128: 10,
  CP2_128D: 8,
  CP2_128T: 6,
  CP2_128TD: 4,
  CP2_128VD: 8,
  CP2_48T: 6,
  CP2_120: 5,
  HUDDLE: 18,
};
const peripheralModels: Partial<Record<DeviceModelCode, number>> = {
  BMA360: 10,
  BFM2: 10,
  BMA_CT: 8,
  BMA_CTH: 4,
  USB_EXPANDER: 8,
  GPIO_EXPANDER: 4,
  BT_EXPANDER: 6,
  DIALOG20: 4,
};

function chain(rnd: Random): { devices: { model: DeviceModelCode }[] } {
  const devices: { model: DeviceModelCode }[] = [];
  let beamformers = 0;
  const n = randomInt(rnd, 1, 3);
  while (devices.length < n) {
    const model = weighted(rnd, peripheralModels as Record<DeviceModelCode, number>);
    if (deviceModels[model].beamformer && ++beamformers > maxBeamformersPerChain) continue;
    devices.push({ model });
  }
  return { devices };
}

function parseBase(base: string): string {
  const m = /^127\.(\d{1,3})$/.exec(base.trim().replace(/\.0\.0\/16$/, ''));
  if (!m || Number(m[1]) > 255)
    throw new SimError(SimErrorCode.BadArguments, `subnetBase must look like 127.N (got "${base}")`);
  return `127.${m[1] ?? '0'}`;
}

/**
 * A reproducible site: the same options always give the same site, byte for byte. Mostly single-box
 * stacks, some of two or three boxes, a third of the boxes with P-Link peripherals, plus stand-alone
 * mics and video codecs, spread over as many /24 subnets as needed.
 */
export function generateSite(options: GenerateOptions): SiteFile {
  const { devices } = options;
  if (!Number.isInteger(devices) || devices < 1 || devices > maxGeneratedDevices)
    throw new SimError(
      SimErrorCode.BadArguments,
      `devices must be an integer from 1 to ${maxGeneratedDevices}`,
    );
  const base = parseBase(options.subnetBase ?? '127.20');
  const seed = options.seed ?? 1;
  const rnd = seededRandom(seed);
  const subnetCount = Math.ceil(devices / devicesPerSubnet);
  if (subnetCount > 255) throw new SimError(SimErrorCode.BadArguments, 'too many devices for one 127.N base');
  const subnets: SiteSubnet[] = [];
  let stackNo = 0;
  let micNo = 0;
  let codecNo = 0;
  let left = devices;
  for (let s = 1; s <= subnetCount; s++) {
    let room = Math.min(devicesPerSubnet, left);
    left -= room;
    const stacks: SiteStack[] = [];
    const mics: NonNullable<SiteSubnet['mics']> = [];
    const codecs: NonNullable<SiteSubnet['codecs']> = [];
    while (room > 0) {
      const kind = weighted(rnd, { stack: 75, mic: 15, codec: 10 });
      if (kind === 'mic') {
        mics.push({ name: `Mic-${String(++micNo).padStart(4, '0')}` });
        room--;
      } else if (kind === 'codec') {
        codecs.push({
          name: `Codec-${String(++codecNo).padStart(4, '0')}`,
          model: rnd() < 0.5 ? 'CL300' : 'CL600',
        });
        room--;
      } else {
        const size = Math.min(room, Number(weighted(rnd, { '1': 70, '2': 20, '3': 10 })));
        const name = `Room-${String(++stackNo).padStart(4, '0')}`;
        const boxes = Array.from({ length: size }, (_, k): SiteBox => {
          const box: SiteBox = {
            name: `DSP${k + 1}`,
            model: weighted(rnd, boxModels as Record<DeviceModelCode, number>),
          };
          const r = rnd();
          if (r < 0.05) box.plink = [chain(rnd), chain(rnd)];
          else if (r < 0.35) box.plink = [chain(rnd)];
          if (rnd() < 0.1) box.ftpEnabled = true;
          return box;
        });
        stacks.push({ name, boxes });
        room -= size;
      }
    }
    const subnet: SiteSubnet = { name: `sim${s}`, cidr: `${base}.${s}.0/24` };
    if (stacks.length) subnet.stacks = stacks;
    if (mics.length) subnet.mics = mics;
    if (codecs.length) subnet.codecs = codecs;
    subnets.push(subnet);
  }
  return {
    name: `Generated site (${devices} devices, seed ${seed})`,
    seed,
    port: options.port ?? 2323,
    subnets,
  };
}
