// Pure helpers of the detection-latency scenarios: a seeded random source for reproducible fault
// plans, and the pairing of injected faults with what a detector (the agent, a polling monitor)
// reported afterwards.
import type { TargetCheck } from './scenario.ts';
import { round, summarize, type Summary } from './stats.ts';

/** A fault set on one device through the simulator's control API, timed in the bench process. */
export interface Injection {
  /** The device as detectors name it: `host:port`. */
  key: string;
  fault: string;
  /** Wall clock (ms) right before the control API call: every real detection comes after it. */
  before: number;
  /** Wall clock (ms) when the control API answered (the fault is in place by then). */
  after: number;
}

/** Something a detector reported about a device (already filtered to what counts as noticing a fault). */
export interface Observation {
  key: string;
  /** Wall clock (ms) when the detector noticed. */
  at: number;
}

export interface Detection {
  injection: Injection;
  /** Milliseconds from `before` to the first matching observation; undefined = never noticed. */
  latencyMs: number | undefined;
}

/**
 * Pairs every injection with the first observation of the same device at or after its `before`, and
 * before the next injection on that device and `before + deadlineMs`. An observation answers at most
 * one injection; observations of other devices, or older than the injection, never count.
 */
export function pairDetections(
  injections: readonly Injection[],
  observations: readonly Observation[],
  deadlineMs: number,
): Detection[] {
  const byKey = new Map<string, number[]>();
  for (const o of observations) {
    const list = byKey.get(o.key);
    if (list) list.push(o.at);
    else byKey.set(o.key, [o.at]);
  }
  for (const list of byKey.values()) list.sort((a, b) => a - b);
  const nextOnKey = new Map<Injection, number>();
  const ordered = [...injections].sort((a, b) => a.before - b.before);
  const lastSeen = new Map<string, Injection>();
  for (const inj of ordered) {
    const previous = lastSeen.get(inj.key);
    if (previous) nextOnKey.set(previous, inj.before);
    lastSeen.set(inj.key, inj);
  }
  return injections.map((injection) => {
    const until = Math.min(
      injection.before + deadlineMs,
      nextOnKey.get(injection) ?? Number.POSITIVE_INFINITY,
    );
    const at = byKey.get(injection.key)?.find((t) => t >= injection.before && t <= until);
    return { injection, latencyMs: at === undefined ? undefined : at - injection.before };
  });
}

export type FaultFigures = {
  injected: number;
  noticed: number;
  missed: number;
  /** Latency in ms of the noticed ones; NaN percentiles when none was noticed. */
  latencyMs: Summary;
};

/** Figures of a fault kind nothing was injected of. */
export const noFaults = (): FaultFigures => ({
  injected: 0,
  noticed: 0,
  missed: 0,
  latencyMs: summarize([]),
});

/** Detection figures per fault kind (`down`, `hang`, …). */
export function figuresByFault(detections: readonly Detection[]): Record<string, FaultFigures> {
  const out: Record<string, FaultFigures> = {};
  for (const fault of [...new Set(detections.map((d) => d.injection.fault))]) {
    const mine = detections.filter((d) => d.injection.fault === fault);
    const latencies = mine.flatMap((d) => (d.latencyMs === undefined ? [] : [d.latencyMs]));
    out[fault] = {
      injected: mine.length,
      noticed: latencies.length,
      missed: mine.length - latencies.length,
      latencyMs: summarize(latencies),
    };
  }
  return out;
}

/** a / b when both are finite and b is not 0; undefined otherwise (e.g. the baseline never noticed). */
export function ratioOf(a: number, b: number): number | undefined {
  const r = a / b;
  return Number.isFinite(r) && b !== 0 ? r : undefined;
}

/** The ratios that exist (both sides measured), for a result's `ratios`. */
export function definedRatios(entries: Record<string, number | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(entries)) if (value !== undefined) out[name] = value;
  return out;
}

/** Seeded PRNG (mulberry32): the same seed gives the same fault plan on every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` distinct items chosen at random (Fisher–Yates on a copy); all of them when there are fewer. */
export function pickDistinct<T>(items: readonly T[], n: number, random: () => number): T[] {
  const copy = [...items];
  const count = Math.min(n, copy.length);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, count);
}

/**
 * `n` moments in [0, windowMs), sorted, at least `minGapMs` apart: uniformly spread at random, so
 * faults land at every phase of the agent's clock and of a poller's interval.
 */
export function spreadOffsets(n: number, windowMs: number, minGapMs: number, random: () => number): number[] {
  if (n <= 0) return [];
  const slack = Math.max(0, windowMs - minGapMs * (n - 1));
  const raw = Array.from({ length: n }, () => random() * slack).sort((a, b) => a - b);
  return raw.map((t, i) => Math.round(t + i * minGapMs));
}

export interface PlannedFault<D> {
  device: D;
  fault: 'down' | 'hang';
  /** When to inject it, from the start of the plan. */
  offsetMs: number;
}

/**
 * `perKind` clean drops and as many silent hangs on distinct devices, in random order at random
 * moments over `windowMs` (at least `minGapMs` apart): each fault lands at a random phase of every
 * detector's clock.
 */
export function faultPlan<D>(
  devices: readonly D[],
  perKind: number,
  windowMs: number,
  minGapMs: number,
  random: () => number,
): PlannedFault<D>[] {
  const targets = pickDistinct(devices, perKind * 2, random);
  const kinds = pickDistinct(
    targets.map((_, i): 'down' | 'hang' => (i < perKind ? 'down' : 'hang')),
    targets.length,
    random,
  );
  const offsets = spreadOffsets(targets.length, windowMs, minGapMs, random);
  return targets.map((device, i) => ({ device, fault: kinds[i] ?? 'down', offsetMs: offsets[i] ?? 0 }));
}

/**
 * design.md: a status change is visible within 1 s (p99) of a clean drop and 3 s of a silent hang.
 * Measured here from the fault to the agent's observation (the hub is not in this loop); a missed
 * fault fails the target whatever the percentile says.
 */
export function detectionTargets(down: FaultFigures, hang: FaultFigures): TargetCheck[] {
  const check = (what: string, f: FaultFigures, limitMs: number): TargetCheck => ({
    name: `${what} noticed by the agent, p99 (device → agent)`,
    target: `< ${limitMs / 1000} s`,
    measured: round(f.latencyMs.p99),
    unit: 'ms',
    met: f.latencyMs.p99 < limitMs && f.missed === 0,
  });
  return [check('clean drop', down, 1000), check('silent hang', hang, 3000)];
}

/**
 * Sessions that were up and then reported a problem status (Down, Login Failed…) before `until`:
 * during a ramp-up no fault is injected, so each one is a false alarm. Changes in arrival order.
 */
export function lostWhileUp(
  changes: readonly (Observation & { status: string })[],
  problem: (status: string) => boolean,
  until: number,
): number {
  const up = new Set<string>();
  let lost = 0;
  for (const c of changes) {
    if (c.at > until) continue;
    if (!problem(c.status)) up.add(c.key);
    else if (up.delete(c.key)) lost++;
  }
  return lost;
}
