import { describe, expect, it } from 'vitest';
import { dayStart, daysFromChanges, fromStatusSeconds, lastDays } from './availability-days.ts';

const at = (iso: string) => new Date(iso);

describe('availability per UTC day', () => {
  it('lists the last days oldest first, today included', () => {
    expect(lastDays(Date.parse('2026-03-02T10:00:00Z'), 3)).toEqual([
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });

  it('counts issues as available, and Down, Not Monitored, restarting and updating as not', () => {
    expect(
      fromStatusSeconds('2026-01-01', [
        { status: 'Healthy', seconds: 100 },
        { status: 'OVERHEATING!', seconds: 50 },
        { status: 'Down', seconds: 30 },
        { status: 'Not Monitored', seconds: 10 },
        { status: 'Restarting...', seconds: 5 },
        { status: 'Updating Firmware', seconds: 5 },
      ]),
    ).toEqual({ day: '2026-01-01', knownSeconds: 200, availableSeconds: 150 });
  });

  it('splits statuses across midnight, starts with the status held before the window, ends today at now', () => {
    const from = dayStart('2026-05-01');
    const until = Date.parse('2026-05-02T06:00:00Z');
    const days = daysFromChanges(
      [
        // Given in any order; the first is before the window: Healthy since the day before.
        { status: 'Down', since: at('2026-05-01T23:00:00Z') },
        { status: 'Healthy', since: at('2026-04-30T12:00:00Z') },
        { status: 'Healthy', since: at('2026-05-02T01:00:00Z') },
      ],
      from,
      until,
    );
    expect(days).toEqual([
      { day: '2026-05-01', knownSeconds: 86_400, availableSeconds: 82_800 },
      { day: '2026-05-02', knownSeconds: 6 * 3600, availableSeconds: 5 * 3600 },
    ]);
  });

  it('leaves time before the first known status unknown, and a day with nothing known at zero', () => {
    const days = daysFromChanges(
      [{ status: 'Healthy', since: at('2026-05-02T12:00:00Z') }],
      dayStart('2026-05-01'),
      dayStart('2026-05-03'),
    );
    expect(days).toEqual([
      { day: '2026-05-01', knownSeconds: 0, availableSeconds: 0 },
      { day: '2026-05-02', knownSeconds: 43_200, availableSeconds: 43_200 },
    ]);
  });
});
