import { unavailableStatuses } from '@crosspoint/protocol';

/** A status the device had from `since` on (the device's history, newest first or in any order). */
export interface StatusSpan {
  status: string;
  since: string;
}

/** Statuses in which a device is not available to its room (one rule with the hub's daily figures). */
const unavailable = new Set<string>(unavailableStatuses);

/**
 * The share of the window `[now - windowMs, now]` in which the device was available, from its status
 * history; time before its first known status is left out. `null` when nothing of the window is known.
 */
export function availability(history: readonly StatusSpan[], now: number, windowMs: number): number | null {
  const start = now - windowMs;
  const spans = [...history]
    .map((h) => ({ status: h.status, at: Date.parse(h.since) }))
    .filter((h) => Number.isFinite(h.at))
    .sort((a, b) => a.at - b.at);
  let known = 0;
  let up = 0;
  spans.forEach((s, i) => {
    const from = Math.max(s.at, start);
    const to = Math.min(spans[i + 1]?.at ?? now, now);
    if (to <= from) return;
    known += to - from;
    if (!unavailable.has(s.status)) up += to - from;
  });
  return known > 0 ? up / known : null;
}
