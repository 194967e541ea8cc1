import { describe, expect, it } from 'vitest';
import {
  alertEventOf,
  devicesInMail,
  linkedDeviceId,
  linkedDeviceIds,
  matchAlertMails,
} from './alert-mail.ts';

describe(matchAlertMails.name, () => {
  const faults = [
    { key: 'a', before: 100 },
    { key: 'b', before: 200 },
    { key: 'a', before: 1000 },
  ];
  it('pairs each fault with the opened emails of its device until the next fault on it', () => {
    const m = matchAlertMails(faults, [
      { keys: ['a'], event: 'opened', at: 400 },
      { keys: ['a'], event: 'resolved', at: 900 },
      { keys: ['a'], event: 'opened', at: 1300 },
      { keys: ['b'], event: 'opened', at: 500 },
      { keys: ['b'], event: 'opened', at: 600 },
      { keys: [], event: 'opened', at: 700 },
      { keys: ['c'], event: 'opened', at: 50 },
    ]);
    expect(m.perFault.map((f) => [f.fault.before, f.emails, f.latencyMs])).toEqual([
      [100, 1, 300],
      [200, 2, 300],
      [1000, 1, 300],
    ]);
    expect(m).toMatchObject({ lost: 0, duplicates: 1, unexplained: 2 });
  });
  it('counts a fault without email as lost; an email before its fault does not count', () => {
    const m = matchAlertMails([{ key: 'a', before: 100 }], [{ keys: ['a'], event: 'opened', at: 50 }]);
    expect(m).toMatchObject({ lost: 1, duplicates: 0, unexplained: 1 });
  });
  it('counts a grouped email as the email of each device it lists, once', () => {
    const m = matchAlertMails(
      [
        { key: 'a', before: 100 },
        { key: 'b', before: 150 },
        { key: 'c', before: 160 },
      ],
      [
        { keys: ['a'], event: 'opened', at: 300 },
        { keys: ['b', 'c'], event: 'opened', at: 700 },
      ],
    );
    expect(m.perFault.map((f) => [f.fault.key, f.emails, f.latencyMs])).toEqual([
      ['a', 1, 200],
      ['b', 1, 550],
      ['c', 1, 540],
    ]);
    expect(m).toMatchObject({ lost: 0, duplicates: 0, unexplained: 0 });
    // A device in a digest after its own email: a duplicate.
    const twice = matchAlertMails(
      [{ key: 'a', before: 100 }],
      [
        { keys: ['a'], event: 'opened', at: 300 },
        { keys: ['a', 'b'], event: 'opened', at: 700 },
      ],
    );
    expect(twice).toMatchObject({ lost: 0, duplicates: 1 });
  });
});

describe('alert email parsing', () => {
  it('reads the event from the subject and the device from the link', () => {
    expect(alertEventOf('[Crosspoint] Down: Room 2 — Acme')).toBe('opened');
    expect(alertEventOf('[Crosspoint] Still Down: Room 2 — Acme')).toBe('repeat');
    expect(alertEventOf('[Crosspoint] Resolved: Down: Room 2 — Acme')).toBe('resolved');
    expect(alertEventOf('Welcome to Crosspoint')).toBeUndefined();
    expect(linkedDeviceId('Open: http://x.invalid/devices/6f1c2a3b-0000-4000-8000-123456789abc\n')).toBe(
      '6f1c2a3b-0000-4000-8000-123456789abc',
    );
    expect(linkedDeviceId('Open: http://x.invalid/servers')).toBeUndefined();
    const digest =
      '  • Room 1: http://x.invalid/devices/6f1c2a3b-0000-4000-8000-000000000001\n  • Room 2: http://x.invalid/devices/6f1c2a3b-0000-4000-8000-000000000002\n\nOpen the list: http://x.invalid/devices?status=Down';
    expect(linkedDeviceIds(digest)).toEqual([
      '6f1c2a3b-0000-4000-8000-000000000001',
      '6f1c2a3b-0000-4000-8000-000000000002',
    ]);
    expect(devicesInMail('[Crosspoint] Down: 1,999 devices — Acme')).toBe(1999);
    expect(devicesInMail('[Crosspoint] Resolved: Down: 12 devices — Acme')).toBe(12);
    expect(devicesInMail('[Crosspoint] Down: Room 2 — Acme')).toBe(1);
  });
});
