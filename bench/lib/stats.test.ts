import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './stats.ts';

describe(summarize.name, () => {
  it('gives nearest-rank percentiles', () => {
    const s = summarize(Array.from({ length: 100 }, (_, i) => 100 - i));
    expect(s).toMatchObject({ count: 100, min: 1, p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 });
  });
  it('handles one and zero values', () => {
    expect(summarize([7])).toMatchObject({ p50: 7, p99: 7 });
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });
});
