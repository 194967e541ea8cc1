import { describe, expect, it } from 'vitest';
import { missingFromHistory, statusMismatches } from './reconcile.ts';

describe(statusMismatches.name, () => {
  it('lists every view that disagrees with the simulator, unknown devices included', () => {
    const faulted = new Set(['a']);
    const agent = new Map([
      ['a', true],
      ['b', false],
    ]);
    const hub = new Map([['a', false]]);
    expect(
      statusMismatches(['a', 'b'], (k) => faulted.has(k), {
        agent: (k) => agent.get(k),
        hub: (k) => hub.get(k),
      }),
    ).toEqual([
      { key: 'a', view: 'hub', expectedDown: true, down: false },
      { key: 'b', view: 'hub', expectedDown: false, down: undefined },
    ]);
  });
});

describe(missingFromHistory.name, () => {
  it('matches changes to history rows by status and observation time', () => {
    const history = new Map([
      [
        'a',
        [
          { status: 'Down', observedAt: 10 },
          { status: 'Healthy', observedAt: 20 },
        ],
      ],
    ]);
    expect(
      missingFromHistory(
        [
          { key: 'a', status: 'Down', at: 10 },
          { key: 'a', status: 'Healthy', at: 21 },
          { key: 'b', status: 'Down', at: 5 },
        ],
        history,
      ),
    ).toEqual([
      { key: 'a', status: 'Healthy', at: 21 },
      { key: 'b', status: 'Down', at: 5 },
    ]);
  });
});
