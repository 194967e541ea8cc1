import type { CampaignWaveSpec } from '../../db/schema/firmware.ts';

/**
 * The wave of each of `n` targets (in their order): the pilot first, then each wave of a count or
 * a percentage of what the pilot leaves, then whatever is left in a last wave. Waves are numbered
 * from 0 with no empty wave in between.
 */
export function assignWaves(n: number, pilot: number, waves: readonly CampaignWaveSpec[]): number[] {
  const sizes: number[] = [];
  let left = n;
  const take = (size: number) => {
    const k = Math.min(left, Math.max(0, size));
    if (k > 0) {
      sizes.push(k);
      left -= k;
    }
  };
  take(pilot);
  const afterPilot = left;
  for (const w of waves) take(w.unit === 'count' ? w.size : Math.ceil((afterPilot * w.size) / 100));
  take(left);
  return sizes.flatMap((size, wave) => Array.from({ length: size }, () => wave));
}

export interface WaveTally {
  total: number;
  pending: number;
  running: number;
  updated: number;
  failed: number;
  skipped: number;
  cancelled: number;
}

export type WaveDecision = { kind: 'wait' } | { kind: 'advance' } | { kind: 'halt'; reason: string };

/**
 * What a wave's counts mean for the campaign: halt as soon as its failures reach the error
 * threshold (the rest of the wave and the later waves stay untouched), go on once nothing of it is
 * under way and enough of it was updated, halt when too little was.
 */
export function decideWave(
  w: WaveTally,
  thresholds: { successThreshold: number; errorThreshold: number },
): WaveDecision {
  const counted = w.total - w.skipped - w.cancelled;
  if (counted <= 0) return w.pending + w.running === 0 ? { kind: 'advance' } : { kind: 'wait' };
  if (w.failed > 0 && w.failed * 100 >= thresholds.errorThreshold * counted)
    return {
      kind: 'halt',
      reason: `${String(w.failed)} of ${String(counted)} devices of the wave failed (error threshold ${String(thresholds.errorThreshold)} %).`,
    };
  if (w.pending + w.running > 0) return { kind: 'wait' };
  if (w.updated * 100 >= thresholds.successThreshold * counted) return { kind: 'advance' };
  return {
    kind: 'halt',
    reason: `Only ${String(w.updated)} of ${String(counted)} devices of the wave were updated (success threshold ${String(thresholds.successThreshold)} %).`,
  };
}
