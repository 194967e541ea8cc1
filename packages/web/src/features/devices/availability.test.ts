import { describe, expect, it } from 'vitest';
import { availability } from './availability.ts';

const h = 3600_000;
const now = Date.parse('2026-12-07T12:00:00Z');
const at = (hoursAgo: number) => new Date(now - hoursAgo * h).toISOString();

describe('availability', () => {
  it('is the share of the known part of the window spent available', () => {
    const history = [
      { status: 'Healthy', since: at(48) },
      { status: 'Down', since: at(6) },
      { status: 'Healthy', since: at(3) },
    ];
    expect(availability(history, now, 24 * h)).toBeCloseTo(21 / 24);
    expect(availability(history, now, 7 * 24 * h)).toBeCloseTo(45 / 48);
    expect(availability(history, now, 2 * h)).toBe(1);
  });

  it('leaves out what is before the first status, and knows nothing without one', () => {
    expect(availability([{ status: 'Down', since: at(1) }], now, 24 * h)).toBe(0);
    expect(availability([], now, 24 * h)).toBeNull();
  });
});
