// A device's availability per UTC day, from its status changes: pure arithmetic, no database.
import { unavailableStatuses } from '@crosspoint/protocol';

const dayMs = 86_400_000;
const unavailable = new Set<string>(unavailableStatuses);

/** One UTC day of a device: how long its status was known, and how long of that it was available. */
export interface AvailabilityDay {
  day: string;
  knownSeconds: number;
  availableSeconds: number;
}

/** `YYYY-MM-DD` of a moment, in UTC. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The moment a UTC day begins. */
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** The `count` UTC days ending with the one holding `now`, oldest first. */
export function lastDays(now: number, count: number): string[] {
  const today = dayStart(utcDay(now));
  return Array.from({ length: count }, (_, i) => utcDay(today - (count - 1 - i) * dayMs));
}

/** Seconds in each status, summed over a span of time, as a day's sums hold them. */
export function fromStatusSeconds(
  day: string,
  sums: readonly { status: string; seconds: number }[],
): AvailabilityDay {
  let knownSeconds = 0;
  let availableSeconds = 0;
  for (const s of sums) {
    knownSeconds += s.seconds;
    if (!unavailable.has(s.status)) availableSeconds += s.seconds;
  }
  return { day, knownSeconds, availableSeconds };
}

/**
 * The days from `from` (a day's start) up to `until` (now: today ends there), from the device's
 * changes: the last one before `from` (the status it began with, if known) and every one after,
 * in any order. A status holds from its change to the next; time before the first known status is
 * unknown. Seconds are rounded per day, as the daily sums are.
 */
export function daysFromChanges(
  changes: readonly { status: string; since: Date }[],
  from: number,
  until: number,
): AvailabilityDay[] {
  const sorted = [...changes].sort((a, b) => a.since.getTime() - b.since.getTime());
  const days = new Map<string, Map<string, number>>();
  for (let d = from; d < until; d += dayMs) days.set(utcDay(d), new Map());
  sorted.forEach((c, i) => {
    let start = Math.max(c.since.getTime(), from);
    const end = Math.min(sorted[i + 1]?.since.getTime() ?? until, until);
    while (start < end) {
      const dayEnd = Math.min(dayStart(utcDay(start)) + dayMs, end);
      const sums = days.get(utcDay(start));
      if (sums) sums.set(c.status, (sums.get(c.status) ?? 0) + (dayEnd - start) / 1000);
      start = dayEnd;
    }
  });
  return [...days].map(([day, sums]) =>
    fromStatusSeconds(
      day,
      [...sums].map(([status, seconds]) => ({ status, seconds: Math.round(seconds) })),
    ),
  );
}
