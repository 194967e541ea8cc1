import { describe, expect, it } from 'vitest';
import {
  definedRatios,
  detectionTargets,
  faultPlan,
  figuresByFault,
  lostWhileUp,
  pairDetections,
  pickDistinct,
  ratioOf,
  seededRandom,
  spreadOffsets,
  type Injection,
} from './detection.ts';

const inj = (key: string, fault: string, before: number): Injection => ({
  key,
  fault,
  before,
  after: before + 3,
});

describe(pairDetections.name, () => {
  it('takes the first observation of the same device at or after the injection', () => {
    const [a, b] = pairDetections(
      [inj('h1:23', 'down', 1000), inj('h2:23', 'hang', 1000)],
      [
        { key: 'h1:23', at: 990 }, // older than the fault: a left-over, not a detection
        { key: 'h2:23', at: 1500 }, // another device's
        { key: 'h1:23', at: 1040 },
        { key: 'h1:23', at: 1020 },
      ],
      5000,
    );
    expect(a?.latencyMs).toBe(20);
    expect(b?.latencyMs).toBe(500);
  });

  it('misses what came after the deadline or never came', () => {
    const d = pairDetections(
      [inj('h1:23', 'down', 1000), inj('h3:23', 'down', 1000)],
      [{ key: 'h1:23', at: 7001 }],
      6000,
    );
    expect(d.map((x) => x.latencyMs)).toEqual([undefined, undefined]);
  });

  it('never lets one observation answer two injections on the same device', () => {
    const d = pairDetections(
      [inj('h1:23', 'down', 1000), inj('h1:23', 'down', 3000)],
      [{ key: 'h1:23', at: 3100 }],
      10_000,
    );
    expect(d.map((x) => x.latencyMs)).toEqual([undefined, 100]);
  });
});

describe(figuresByFault.name, () => {
  it('counts noticed and missed per fault kind', () => {
    const f = figuresByFault([
      { injection: inj('a', 'down', 0), latencyMs: 5 },
      { injection: inj('b', 'down', 0), latencyMs: 15 },
      { injection: inj('c', 'hang', 0), latencyMs: undefined },
    ]);
    expect(f.down).toMatchObject({ injected: 2, noticed: 2, missed: 0, latencyMs: { p50: 5, max: 15 } });
    expect(f.hang).toMatchObject({ injected: 1, noticed: 0, missed: 1 });
    expect(Number.isNaN(f.hang?.latencyMs.p50)).toBe(true);
  });
});

describe(detectionTargets.name, () => {
  it('fails a target on a missed fault even when the percentile is fine', () => {
    const fine = {
      injected: 2,
      noticed: 2,
      missed: 0,
      latencyMs: { count: 2, min: 5, p50: 5, p95: 9, p99: 9, max: 9, mean: 7 },
    };
    const [drop, hang] = detectionTargets(fine, { ...fine, noticed: 1, missed: 1 });
    expect(drop?.met).toBe(true);
    expect(hang?.met).toBe(false);
  });
});

describe('fault plans', () => {
  it('are reproducible from the seed', () => {
    expect(pickDistinct([1, 2, 3, 4, 5, 6], 3, seededRandom(7))).toEqual(
      pickDistinct([1, 2, 3, 4, 5, 6], 3, seededRandom(7)),
    );
  });

  it('pick distinct items, at most all of them', () => {
    const picked = pickDistinct(
      Array.from({ length: 50 }, (_, i) => i),
      20,
      seededRandom(1),
    );
    expect(new Set(picked).size).toBe(20);
    expect(pickDistinct([1, 2], 5, seededRandom(1)).sort()).toEqual([1, 2]);
  });

  it('spread moments inside the window, sorted, at least the gap apart', () => {
    const t = spreadOffsets(40, 10_000, 200, seededRandom(3));
    expect(t).toHaveLength(40);
    expect(t[0]).toBeGreaterThanOrEqual(0);
    expect(t[t.length - 1]).toBeLessThanOrEqual(10_000);
    for (let i = 1; i < t.length; i++) expect((t[i] ?? 0) - (t[i - 1] ?? 0)).toBeGreaterThanOrEqual(199);
    expect(spreadOffsets(0, 1000, 10, seededRandom(1))).toEqual([]);
  });

  it('put as many drops as hangs on distinct devices, in time order', () => {
    const plan = faultPlan(
      Array.from({ length: 30 }, (_, i) => `d${i}`),
      5,
      3000,
      100,
      seededRandom(9),
    );
    expect(plan).toHaveLength(10);
    expect(new Set(plan.map((p) => p.device)).size).toBe(10);
    expect(plan.filter((p) => p.fault === 'down')).toHaveLength(5);
    expect(plan.map((p) => p.offsetMs)).toEqual([...plan.map((p) => p.offsetMs)].sort((a, b) => a - b));
  });

  it('ratios are undefined when the baseline has no figure, and left out', () => {
    expect(ratioOf(10, 2)).toBe(5);
    expect(ratioOf(10, Number.NaN)).toBeUndefined();
    expect(ratioOf(10, 0)).toBeUndefined();
    expect(definedRatios({ a: ratioOf(1, 2), b: ratioOf(1, 0) })).toEqual({ a: 0.5 });
  });
});

describe(lostWhileUp.name, () => {
  it('counts sessions that went from up to a problem, not those that never came up', () => {
    const changes = [
      { key: 'a', at: 1, status: 'Healthy' },
      { key: 'b', at: 2, status: 'Down' }, // never up yet: not a loss
      { key: 'a', at: 3, status: 'Down' },
      { key: 'a', at: 4, status: 'Healthy' },
      { key: 'a', at: 5, status: 'Login Failed' },
      { key: 'c', at: 6, status: 'Safety Mute On' },
      { key: 'c', at: 9, status: 'Down' }, // after `until`
    ];
    expect(lostWhileUp(changes, (s) => s === 'Down' || s === 'Login Failed', 8)).toBe(2);
  });
});
