import type { SiteFile } from '../site/schema.ts';

/**
 * A small site for tests: one subnet per test file (so files can run in parallel), a two-box stack
 * with peripherals and VoIP, a single-box Huddle stack, a BMA 360D and a codec.
 */
export function testSite(subnet: number, extra: Partial<SiteFile> = {}): SiteFile {
  return {
    name: 'test',
    seed: 7,
    port: 2323,
    ftpPort: 2121,
    micPort: 3603,
    videoPort: 8080,
    subnets: [
      {
        name: 'sim1',
        cidr: `127.77.${subnet}.0/24`,
        stacks: [
          {
            name: 'Board',
            locateTimeoutS: 0.3,
            aliases: { SPKR_ZN_1: 'OUTPUT 101' },
            boxes: [
              {
                name: 'DSP1',
                model: 'CP2_128V',
                ip: `127.77.${subnet}.10`,
                serial: '0196-1743-08',
                temperatureC: 41,
                plink: [{ devices: [{ model: 'BFM2' }, { model: 'BT_EXPANDER' }] }],
              },
              { name: 'DSP2', model: 'CP2_48T', ip: `127.77.${subnet}.11` },
            ],
          },
          { name: 'Huddle', boxes: [{ name: 'H1', model: 'HUDDLE', ip: `127.77.${subnet}.20` }] },
        ],
        mics: [{ name: 'Mic1', ip: `127.77.${subnet}.30` }],
        codecs: [{ name: 'Codec1', model: 'CL600', ip: `127.77.${subnet}.40` }],
      },
    ],
    ...extra,
  };
}

/** Short life-cycle durations for tests. */
export const fastTiming = {
  firmwareUpdateMs: 200,
  restartMs: 200,
  configureMs: 100,
  flapPeriodMs: 150,
  ftpDataTimeoutMs: 2000,
  locateScale: 1,
};
