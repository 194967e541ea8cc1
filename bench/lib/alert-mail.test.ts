import { describe, expect, it } from 'vitest';
import { alertEventOf, linkedDeviceId, matchAlertMails } from './alert-mail.ts';

describe(matchAlertMails.name, () => {
  const faults = [
    { key: 'a', before: 100 },
    { key: 'b', before: 200 },
    { key: 'a', before: 1000 },
  ];
  it('pairs each fault with the opened emails of its device until the next fault on it', () => {
    const m = matchAlertMails(faults, [
      { key: 'a', event: 'opened', at: 400 },
      { key: 'a', event: 'resolved', at: 900 },
      { key: 'a', event: 'opened', at: 1300 },
      { key: 'b', event: 'opened', at: 500 },
      { key: 'b', event: 'opened', at: 600 },
      { key: undefined, event: 'opened', at: 700 },
      { key: 'c', event: 'opened', at: 50 },
    ]);
    expect(m.perFault.map((f) => [f.fault.before, f.emails, f.latencyMs])).toEqual([
      [100, 1, 300],
      [200, 2, 300],
      [1000, 1, 300],
    ]);
    expect(m).toMatchObject({ lost: 0, duplicates: 1, unexplained: 2 });
  });
  it('counts a fault without email as lost; an email before its fault does not count', () => {
    const m = matchAlertMails([{ key: 'a', before: 100 }], [{ key: 'a', event: 'opened', at: 50 }]);
    expect(m).toMatchObject({ lost: 1, duplicates: 0, unexplained: 1 });
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
  });
});
