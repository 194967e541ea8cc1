import { describe, expect, it } from 'vitest';
import {
  churnIntervalMs,
  churnStatus,
  clientServers,
  diffStates,
  supportOfClient,
  tailOf,
  workerShares,
} from './fleet-plan.ts';
import { summarize } from './stats.ts';

describe(clientServers.name, () => {
  it('gives the first client the burst site and spreads the rest, losing no agent', () => {
    const servers = clientServers(500, 200, 10);
    expect(servers[0]).toBe(10);
    expect(servers.reduce((a, b) => a + b, 0)).toBe(500);
    expect(Math.min(...servers.slice(1))).toBe(2);
    expect(Math.max(...servers.slice(1))).toBe(3);
    expect(clientServers(20, 8, 4)).toEqual([4, 3, 3, 2, 2, 2, 2, 2]);
  });
  it('refuses a fleet that leaves a client without an agent', () => {
    expect(() => clientServers(10, 8, 4)).toThrow(/cannot give 4/);
  });
});

describe(workerShares.name, () => {
  it('deals items round-robin and never makes an empty worker', () => {
    expect(workerShares([1, 2, 3, 4, 5], 2)).toEqual([
      [1, 3, 5],
      [2, 4],
    ]);
    expect(workerShares([1], 4)).toEqual([[1]]);
  });
});

describe('churn', () => {
  it('spaces one agent’s changes so the fleet changes the given share per minute', () => {
    expect(churnIntervalMs(200, 1)).toBe(30_000);
    expect(churnIntervalMs(200, 0)).toBe(Number.POSITIVE_INFINITY);
  });
  it('moves a healthy device to an issue and any other back to Healthy', () => {
    expect(churnStatus('Healthy', 0.1)).toBe('Down');
    expect(churnStatus('Healthy', 0.85)).toBe('Safety Mute On');
    expect(churnStatus('Down', 0.1)).toBe('Healthy');
  });
  it('spreads clients over support organizations', () => {
    expect([0, 1, 2, 3, 4].map((c) => supportOfClient(c, 2))).toEqual([0, 1, 0, 1, 0]);
  });
});

describe(diffStates.name, () => {
  it('names every device missing or different at the hub, and nothing else', () => {
    const agents = new Map([
      ['a', 'Down'],
      ['b', 'Healthy'],
      ['c', 'Healthy'],
    ]);
    const hub = new Map([
      ['a', 'Down'],
      ['b', 'Down'],
      ['z', 'Healthy'],
    ]);
    expect(diffStates(agents, hub)).toEqual({
      missing: ['c'],
      different: [{ id: 'b', agent: 'Healthy', hub: 'Down' }],
    });
  });
});

describe(tailOf.name, () => {
  it('gives a p99 only from 200 samples, else the maximum', () => {
    const few = summarize(Array.from({ length: 40 }, (_, i) => i));
    expect(tailOf(few)).toEqual({ name: 'max', value: 39 });
    const many = summarize(Array.from({ length: 200 }, (_, i) => i));
    expect(tailOf(many)).toEqual({ name: 'p99', value: 197 });
  });
});
