import { describe, expect, it } from 'vitest';
import { cpuMsPerThousand, ethernetBytes, kbitPerSecond } from './rates.ts';

describe(cpuMsPerThousand.name, () => {
  it('turns a CPU share over a window into ms per 1,000 events', () => {
    // Half a core for 10 s = 5,000 ms of CPU, over 50,000 events → 100 ms per 1,000.
    expect(cpuMsPerThousand(50, 10, 50_000)).toBeCloseTo(100);
    expect(Number.isNaN(cpuMsPerThousand(50, 10, 0))).toBe(true);
  });
});

describe(kbitPerSecond.name, () => {
  it('uses 1 kbit = 1,000 bit', () => {
    expect(kbitPerSecond(125, 1)).toBe(1);
    expect(kbitPerSecond(7_500, 60)).toBe(1);
  });
});

describe(ethernetBytes.name, () => {
  it('adds one header per segment, at least one per write', () => {
    expect(ethernetBytes([10])).toBe(76);
    expect(ethernetBytes([1448])).toBe(1448 + 66);
    expect(ethernetBytes([1449, 1])).toBe(1449 + 2 * 66 + 1 + 66);
    expect(ethernetBytes([])).toBe(0);
  });
});
