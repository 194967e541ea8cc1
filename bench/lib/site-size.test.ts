import { describe, expect, it } from 'vitest';
import { generateSite } from '@crosspoint/sim';
import { networkDevicesFor, siteDeviceCount } from './site-size.ts';

describe(siteDeviceCount.name, () => {
  it('counts boxes, peripherals, mics and codecs', () => {
    const site = generateSite({ devices: 2, seed: 1, subnetBase: '127.99' });
    const subnet = { name: 's', cidr: '127.99.1.0/24' };
    expect(
      siteDeviceCount({
        ...site,
        subnets: [
          {
            ...subnet,
            stacks: [
              {
                name: 'A',
                boxes: [
                  {
                    name: 'B',
                    model: 'CP2_128',
                    plink: [{ devices: [{ model: 'BMA360' }, { model: 'BFM2' }] }],
                  },
                ],
              },
            ],
            mics: [{ name: 'M' }],
            codecs: [{ name: 'C', model: 'CL300' }],
          },
        ],
      }),
    ).toBe(5);
  });
});

describe(networkDevicesFor.name, () => {
  it('finds the smallest generator size whose site reaches the total', () => {
    const n = networkDevicesFor(300, 3, '127.99');
    expect(
      siteDeviceCount(generateSite({ devices: n, seed: 3, subnetBase: '127.99' })),
    ).toBeGreaterThanOrEqual(300);
    expect(siteDeviceCount(generateSite({ devices: n - 1, seed: 3, subnetBase: '127.99' }))).toBeLessThan(
      300,
    );
    expect(n).toBeLessThan(300);
  });
});
