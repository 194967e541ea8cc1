import { describe, expect, it } from 'vitest';
import { connectionStepsOf, linkPathOf } from './connections.ts';

describe('a device’s connections', () => {
  it('reads back every step an agent writes', () => {
    const place = {
      server: 'HQ Rack',
      subnet: '127.20.1.0/24',
      interface: 'sim1',
      stack: 'A (main)',
      clink: '01',
      plink: '02',
    };
    expect(connectionStepsOf(linkPathOf(place))).toEqual([
      { kind: 'server', name: 'HQ Rack' },
      { kind: 'subnet', name: '127.20.1.0/24', interface: 'sim1' },
      { kind: 'stack', name: 'A (main)' },
      { kind: 'clink', name: '01' },
      { kind: 'plink', name: '02' },
    ]);
  });

  it('keeps the steps of a video device, and a step it does not know as it came', () => {
    expect(connectionStepsOf(['Subnet sounding', 'Subnet 10.0.0.0 (eth0)', 'Room 12'])).toEqual([
      { kind: 'server', name: 'Subnet sounding' },
      { kind: 'subnet', name: '10.0.0.0', interface: 'eth0' },
      { kind: 'other', name: 'Room 12' },
    ]);
    expect(connectionStepsOf([])).toEqual([]);
  });
});
