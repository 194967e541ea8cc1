// How many samples a percentile needs before it says anything about the tail.
import type { Summary } from './stats.ts';

/** Below this many samples a p99 is (nearly) the largest sample, not a percentile (issue #24). */
export const minSamplesForP99 = 200;

const isSummary = (f: unknown): f is Summary =>
  typeof f === 'object' && f !== null && 'p99' in f && 'count' in f;

/**
 * The figures (dotted names, e.g. `latency.down`) whose p99 comes from fewer than
 * `minSamplesForP99` samples, with their count: "emailDrop.latencyMs (40)". Empty summaries
 * (count 0) are left out: they report nothing.
 */
export function thinPercentiles(figures: Readonly<Record<string, unknown>>, prefix = ''): string[] {
  const found: string[] = [];
  for (const [name, f] of Object.entries(figures)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (isSummary(f)) {
      if (f.count > 0 && f.count < minSamplesForP99) found.push(`${path} (${f.count})`);
    } else if (typeof f === 'object' && f !== null && !Array.isArray(f)) {
      found.push(...thinPercentiles(f as Record<string, unknown>, path));
    }
  }
  return found;
}
