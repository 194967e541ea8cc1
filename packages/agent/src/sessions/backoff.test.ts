import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

describe(backoffDelay.name, () => {
  const policy = { initialMs: 100, maxMs: 1000, factor: 2 };

  it('grows exponentially up to the cap, within half..full of the ceiling', () => {
    expect(backoffDelay(policy, 0, () => 0)).toBe(50);
    expect(backoffDelay(policy, 0, () => 1)).toBe(100);
    expect(backoffDelay(policy, 3, () => 1)).toBe(800);
    expect(backoffDelay(policy, 10, () => 1)).toBe(1000);
    expect(backoffDelay(policy, 10_000, () => 0)).toBe(500);
  });

  it('spreads delays with jitter', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(policy, 4)));
    expect(delays.size).toBeGreaterThan(10);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(500);
  });
});
