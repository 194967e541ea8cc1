import { describe, expect, it } from 'vitest';
import { DownSetTracker } from './hub-watch.ts';

describe(DownSetTracker.name, () => {
  it('records when members enter and leave, once each', () => {
    const t = new DownSetTracker();
    t.update(['a'], 1);
    t.update(['a', 'b'], 2);
    t.update(['a', 'b'], 3);
    t.update(['b'], 4);
    expect(t.transitions).toEqual([
      { serial: 'a', at: 1, down: true },
      { serial: 'b', at: 2, down: true },
      { serial: 'a', at: 4, down: false },
    ]);
    expect(t.has('b')).toBe(true);
    expect(t.has('a')).toBe(false);
    expect(t.snapshots).toBe(4);
  });
});
