import { describe, expect, it } from 'vitest';
import { inventoriesOf, inventoriesSpread } from './fleet-load.ts';

describe(inventoriesOf.name, () => {
  it('fills accounts in order, the last one with what is left', () => {
    expect(inventoriesOf(['a', 'b', 'c', 'd'], 12_000, 5000)).toEqual([
      { login: 'a', site: 1, count: 5000 },
      { login: 'b', site: 2, count: 5000 },
      { login: 'c', site: 3, count: 2000 },
    ]);
  });
  it('refuses a fleet the accounts cannot hold', () => {
    expect(() => inventoriesOf(['a'], 5001, 5000)).toThrow(/need 2 agent accounts \(got 1\)/);
  });
});

describe(inventoriesSpread.name, () => {
  it('spreads evenly, the first accounts taking the remainder, and loses no device', () => {
    const spread = inventoriesSpread(['a', 'b', 'c'], 10);
    expect(spread).toEqual([
      { login: 'a', site: 1, count: 4 },
      { login: 'b', site: 2, count: 3 },
      { login: 'c', site: 3, count: 3 },
    ]);
    const big = inventoriesSpread(
      Array.from({ length: 200 }, (_, i) => `l${String(i)}`),
      100_000,
    );
    expect(big.every((i) => i.count === 500)).toBe(true);
  });
});
