/**
 * The metering rule (docs/metering.md), as one pure function over the stored facts.
 *
 * - A device counts as monitored while it belongs to the organization and is not Overflowed (past
 *   the plan or license); Overflowed devices are counted apart.
 * - Days are UTC calendar days, 00:00 to 24:00 UTC.
 * - Device-days of a day = ∫ devices monitored dt / 24 h: 10 devices for 6 h and then 20 for 18 h
 *   are (10 × 6 + 20 × 18) / 24 = 17.5 device-days; the peak is 20.
 * - The peak is the most devices monitored at once for any length of time that day.
 * - A day is in Overflow when any device was Overflowed at any time that day.
 * - Before an organization's first count nothing was metered (0 devices); today is measured up to
 *   now (`partial`), so its device-days still grow.
 * - A month's average devices = its device-days / the days metered (a closed month: the days in the
 *   month), which is what an invoice bills per device per month, with the month's peak beside it.
 */

import type { CountStep, KindDay } from '../../repositories/usage.repository.ts';

export type { CountStep, KindDay };

export const dayMs = 86_400_000;

export interface MeteredDay {
  day: string;
  proAudio: KindDay;
  video: KindDay;
  /** The plan's maximum at the end of the day (or now), null when none. */
  planMax: number | null;
  /** Milliseconds of the day measured: 24 h, or up to now for today. */
  measuredMs: number;
  partial: boolean;
}

export const kinds = ['proAudio', 'video'] as const;

const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The UTC days from `from` to `to` (YYYY-MM-DD, both included). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = dayStart(from); t <= dayStart(to); t += dayMs) days.push(dayOf(t));
  return days;
}

/**
 * Meters each day from `from` to `to` that has begun by `now`, from the steps in force then:
 * `steps` sorted by time (and by id for equal times), including the last one before `from`.
 */
export function meterDays(steps: readonly CountStep[], from: string, to: string, now: Date): MeteredDay[] {
  const out: MeteredDay[] = [];
  for (const day of daysBetween(from, to)) {
    const start = dayStart(day);
    if (start >= now.getTime()) break;
    const end = Math.min(start + dayMs, now.getTime());
    const result: MeteredDay = {
      day,
      proAudio: { peak: 0, deviceMs: 0, overflowedPeak: 0 },
      video: { peak: 0, deviceMs: 0, overflowedPeak: 0 },
      planMax: null,
      measuredMs: end - start,
      partial: end - start < dayMs,
    };
    steps.forEach((step, i) => {
      const from = Math.max(step.at.getTime(), start);
      const until = Math.min(steps[i + 1]?.at.getTime() ?? Infinity, end);
      if (step.at.getTime() < end) result.planMax = step.planMax;
      if (until <= from) return; // not in force that day, or for no time at all
      const span = until - from;
      add(result.proAudio, step.proAudio, step.proAudioOverflowed, span);
      add(result.video, step.video, step.videoOverflowed, span);
    });
    out.push(result);
  }
  return out;
}

function add(k: KindDay, monitored: number, overflowed: number, span: number): void {
  k.peak = Math.max(k.peak, monitored);
  k.overflowedPeak = Math.max(k.overflowedPeak, overflowed);
  k.deviceMs += monitored * span;
}

export const inOverflow = (d: MeteredDay): boolean =>
  d.proAudio.overflowedPeak > 0 || d.video.overflowedPeak > 0;

const round = (n: number, places: number): number => Math.round(n * 10 ** places) / 10 ** places;

/** Device-days, to 4 decimals (17.5 for the rule's example). */
export const deviceDays = (deviceMs: number): number => round(deviceMs / dayMs, 4);

export interface KindTotal {
  deviceDays: number;
  /** Device-days / days metered, to 2 decimals: the average devices monitored over the period. */
  averageDevices: number;
  peak: number;
}

export interface PeriodTotal {
  proAudio: KindTotal;
  video: KindTotal;
  overflowDays: number;
  /** Days metered: the period's days, today only up to now (fractional). */
  daysMetered: number;
}

/** A period's totals (a month: what an invoice bills) from its metered days. */
export function totalOf(days: readonly MeteredDay[]): PeriodTotal {
  const measured = days.reduce((n, d) => n + d.measuredMs, 0);
  const kind = (k: (typeof kinds)[number]): KindTotal => {
    const ms = days.reduce((n, d) => n + d[k].deviceMs, 0);
    return {
      deviceDays: deviceDays(ms),
      averageDevices: measured > 0 ? round(ms / measured, 2) : 0,
      peak: days.reduce((n, d) => Math.max(n, d[k].peak), 0),
    };
  };
  return {
    proAudio: kind('proAudio'),
    video: kind('video'),
    overflowDays: days.filter(inOverflow).length,
    daysMetered: round(measured / dayMs, 4),
  };
}

/** The first and last day of a month (YYYY-MM). */
export function monthDays(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
