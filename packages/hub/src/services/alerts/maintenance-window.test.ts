import { describe, expect, it } from 'vitest';
import {
  isTimeZone,
  locationPath,
  windowActive,
  windowCovers,
  type WindowLike,
} from './maintenance-window.ts';

describe('maintenance windows', () => {
  it('runs a one-off window from its start (included) to its end (excluded)', () => {
    const once = { kind: 'once' as const, startsAt: '2026-11-28T22:00:00Z', endsAt: '2026-11-29T02:00:00Z' };
    expect(windowActive(once, new Date('2026-11-28T21:59:59Z'))).toBe(false);
    expect(windowActive(once, new Date('2026-11-28T22:00:00Z'))).toBe(true);
    expect(windowActive(once, new Date('2026-11-29T01:59:00Z'))).toBe(true);
    expect(windowActive(once, new Date('2026-11-29T02:00:00Z'))).toBe(false);
  });

  it('repeats weekly in its own time zone, across midnight and across the end of the week', () => {
    // Saturdays 23:00 Berlin for 3 hours: until Sunday 02:00 local (UTC+1 in winter).
    const weekly = {
      kind: 'weekly' as const,
      days: [6],
      start: '23:00',
      durationMinutes: 180,
      timeZone: 'Europe/Berlin',
    };
    expect(windowActive(weekly, new Date('2026-11-28T21:59:00Z'))).toBe(false); // Sat 22:59 Berlin
    expect(windowActive(weekly, new Date('2026-11-28T22:00:00Z'))).toBe(true); // Sat 23:00 Berlin
    expect(windowActive(weekly, new Date('2026-11-29T00:59:00Z'))).toBe(true); // Sun 01:59 Berlin
    expect(windowActive(weekly, new Date('2026-11-29T01:00:00Z'))).toBe(false); // Sun 02:00 Berlin
    expect(windowActive(weekly, new Date('2026-12-05T22:30:00Z'))).toBe(true); // the next Saturday
    // Weekdays 12:00–13:00 UTC (no zone given).
    const lunch = { kind: 'weekly' as const, days: [1, 2, 3, 4, 5], start: '12:00', durationMinutes: 60 };
    expect(windowActive(lunch, new Date('2026-11-27T12:30:00Z'))).toBe(true); // a Friday
    expect(windowActive(lunch, new Date('2026-11-28T12:30:00Z'))).toBe(false); // a Saturday
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('covers the organization, a location and everything below it, or one device', () => {
    const parents = new Map<string, string | null>([
      ['room', 'floor'],
      ['floor', 'building'],
      ['building', null],
      ['other', null],
    ]);
    const schedule = {
      kind: 'once' as const,
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: '2027-01-01T00:00:00Z',
    };
    const org: WindowLike = { scope: 'organization', locationId: null, deviceId: null, schedule };
    const floor: WindowLike = { scope: 'location', locationId: 'floor', deviceId: null, schedule };
    const device: WindowLike = { scope: 'device', locationId: null, deviceId: 'd1', schedule };
    const inRoom = { deviceId: 'd2', locationPath: locationPath('room', parents) };
    expect(locationPath('room', parents)).toEqual(['room', 'floor', 'building']);
    expect(windowCovers(org, inRoom)).toBe(true);
    expect(windowCovers(org, 'organization')).toBe(true);
    expect(windowCovers(floor, inRoom)).toBe(true);
    expect(windowCovers(floor, { deviceId: 'd3', locationPath: locationPath('other', parents) })).toBe(false);
    expect(windowCovers(floor, 'organization')).toBe(false);
    expect(windowCovers(device, inRoom)).toBe(false);
    expect(windowCovers(device, { deviceId: 'd1', locationPath: [] })).toBe(true);
  });
});
