import { describe, expect, it } from 'vitest';
import { thinPercentiles } from './sample-size.ts';
import { summarize } from './stats.ts';

const values = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('thinPercentiles', () => {
  it('names every summary with fewer than 200 samples, nested ones by their dotted path', () => {
    const figures = {
      enough: summarize(values(200)),
      thin: summarize(values(40)),
      faults: 12,
      nested: {
        down: summarize(values(199)),
        hang: summarize(values(500)),
        deeper: { x: summarize(values(3)) },
      },
      empty: summarize([]),
    };
    expect(thinPercentiles(figures)).toEqual(['thin (40)', 'nested.down (199)', 'nested.deeper.x (3)']);
  });

  it('is empty when every percentile has its samples', () => {
    expect(thinPercentiles({ a: summarize(values(1000)), n: 5 })).toEqual([]);
  });
});
