import { describe, expect, it } from 'vitest';
import { cpuPercentBetween, rssSlopeMiBPerHour, slope } from './rss-series.ts';

describe(slope.name, () => {
  it('is the least-squares slope', () => {
    expect(
      slope([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
    ).toBeCloseTo(2);
    expect(
      slope([
        { x: 0, y: 0 },
        { x: 1, y: 1 },
        { x: 2, y: 0 },
        { x: 3, y: 1 },
      ]),
    ).toBeCloseTo(0.2);
    expect(Number.isNaN(slope([{ x: 1, y: 1 }]))).toBe(true);
  });
});

describe(rssSlopeMiBPerHour.name, () => {
  it('fits the second half only, in MiB per hour', () => {
    // Warm-up: +100 MiB in the first 30 min, then +5 MiB over the next 30 min.
    const series = Array.from({ length: 61 }, (_, m) => ({
      at: m * 60_000,
      rssMiB: m <= 30 ? 100 + (100 * m) / 30 : 200 + (5 * (m - 30)) / 30,
      cpuSeconds: m,
    }));
    expect(rssSlopeMiBPerHour(series)).toBeCloseTo(10);
  });
  it('gives CPU as % of a core between two points', () => {
    expect(
      cpuPercentBetween({ at: 0, rssMiB: 0, cpuSeconds: 0 }, { at: 10_000, rssMiB: 0, cpuSeconds: 2 }),
    ).toBe(20);
  });
});
