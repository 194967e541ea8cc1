// The metering rule on its own: device-days, peak, Overflow days, today so far, month totals.
import { describe, expect, it } from 'vitest';
import { dayMs, deviceDays, meterDays, monthDays, totalOf, type CountStep } from './usage-rule.ts';

const step = (at: string, proAudio: number, extra: Partial<CountStep> = {}): CountStep => ({
  at: new Date(at),
  proAudio,
  video: 0,
  proAudioOverflowed: 0,
  videoOverflowed: 0,
  planMax: 25,
  ...extra,
});

describe('the metering rule', () => {
  it('counts 10 devices for 6 h and 20 for 18 h as 17.5 device-days, peak 20', () => {
    const steps = [step('2026-03-10T00:00:00Z', 10), step('2026-03-10T06:00:00Z', 20)];
    const [day] = meterDays(steps, '2026-03-10', '2026-03-10', new Date('2026-03-11T00:00:00Z'));
    expect(day?.proAudio.deviceMs).toBe(17.5 * dayMs);
    expect(deviceDays(day?.proAudio.deviceMs ?? 0)).toBe(17.5);
    expect(day?.proAudio.peak).toBe(20);
    expect(day?.partial).toBe(false);
  });

  it('carries the counts in force at midnight into the next days, and meters nothing before the first count', () => {
    const steps = [step('2026-03-10T18:00:00Z', 4, { video: 2 })];
    const days = meterDays(steps, '2026-03-09', '2026-03-11', new Date('2026-04-01T00:00:00Z'));
    expect(days.map((d) => [d.day, deviceDays(d.proAudio.deviceMs), deviceDays(d.video.deviceMs)])).toEqual([
      ['2026-03-09', 0, 0],
      ['2026-03-10', 1, 0.5],
      ['2026-03-11', 4, 2],
    ]);
    expect(days[0]?.proAudio.peak).toBe(0);
  });

  it('takes no peak from a count in force for no time (two rows at one instant)', () => {
    const steps = [
      step('2026-03-10T00:00:00Z', 5),
      step('2026-03-10T12:00:00Z', 50),
      step('2026-03-10T12:00:00Z', 6),
    ];
    const [day] = meterDays(steps, '2026-03-10', '2026-03-10', new Date('2026-03-12T00:00:00Z'));
    expect(day?.proAudio.peak).toBe(6);
    expect(deviceDays(day?.proAudio.deviceMs ?? 0)).toBe(5.5);
  });

  it('marks a day in Overflow when any device was Overflowed in it, and keeps the plan at the day’s end', () => {
    const steps = [
      step('2026-03-10T00:00:00Z', 20, { planMax: 20 }),
      step('2026-03-10T22:00:00Z', 15, { proAudioOverflowed: 5, planMax: 15 }),
      step('2026-03-11T01:00:00Z', 15, { planMax: 15 }),
    ];
    const days = meterDays(steps, '2026-03-10', '2026-03-12', new Date('2026-03-13T00:00:00Z'));
    expect(days.map((d) => [d.proAudio.overflowedPeak, d.planMax])).toEqual([
      [5, 15],
      [5, 15],
      [0, 15],
    ]);
    expect(totalOf(days).overflowDays).toBe(2);
  });

  it('measures today up to now, and stops there', () => {
    const steps = [step('2026-03-10T00:00:00Z', 8)];
    const days = meterDays(steps, '2026-03-10', '2026-03-31', new Date('2026-03-10T12:00:00Z'));
    expect(days).toHaveLength(1);
    expect(days[0]?.partial).toBe(true);
    expect(deviceDays(days[0]?.proAudio.deviceMs ?? 0)).toBe(4);
    expect(totalOf(days).proAudio.averageDevices).toBe(8);
  });

  it('gives a month’s average devices as device-days over the days in the month', () => {
    const steps = [step('2026-02-15T00:00:00Z', 28)];
    const { from, to } = monthDays('2026-02');
    expect([from, to]).toEqual(['2026-02-01', '2026-02-28']);
    const total = totalOf(meterDays(steps, from, to, new Date('2026-03-05T00:00:00Z')));
    expect(total.proAudio).toEqual({ deviceDays: 14 * 28, averageDevices: 14, peak: 28 });
    expect(total.daysMetered).toBe(28);
  });
});
