import { describe, expect, it } from 'vitest';
import { languages } from '@crosspoint/protocol';
import { renderAlert, type AlertMessageParams } from './alert-templates.ts';

const base = {
  organization: 'Globex',
  ruleName: 'Rooms',
  since: new Date('2026-12-07T09:15:00Z'),
  detail: {},
  link: 'https://hub.example/devices/1',
};
const device: AlertMessageParams = {
  ...base,
  event: 'opened',
  subjectType: 'device',
  name: 'Room 2',
  model: 'CONVERGE Pro 2 48T',
  condition: 'Down',
  where: ['Subnet 10.0.0.0/24 (eth0)', 'Stack Main'],
  location: 'HQ › Floor 3',
};
const server: AlertMessageParams = {
  ...base,
  event: 'repeat',
  subjectType: 'server',
  name: 'Rack',
  condition: 'disconnected',
};
const plan: AlertMessageParams = {
  ...base,
  event: 'opened',
  subjectType: 'organization',
  name: 'Globex',
  condition: 'Overflow',
  detail: { devices: 12, planMaxDevices: 10 },
};
const resolved: AlertMessageParams = {
  ...device,
  event: 'resolved',
  now: 'Healthy',
  resolvedAt: new Date('2026-12-07T10:20:00Z'),
};

// Sentences of the English messages that a translated message must not contain.
const englishOnly = [
  / is Down/,
  /Organization:/,
  /Alert rule:/,
  /You receive this/,
  /still disconnected/,
  /uses more Pro Audio/,
];

describe('alert messages in the twelve languages', () => {
  it.each(languages)('%s: email, SMS and resolution are written in it, with every fact', (lng) => {
    for (const p of [device, server, plan, resolved]) {
      const m = renderAlert(lng, p, 'email');
      expect(m.subject).toContain(p.name);
      expect(m.subject).toContain('Globex');
      expect(m.text).toContain(p.link);
      expect(m.sms).toContain(p.link);
      if (lng !== 'en') for (const e of englishOnly) expect(m.text).not.toMatch(e);
    }
    const m = renderAlert(lng, device, 'email');
    expect(m.text).toContain('CONVERGE Pro 2 48T');
    expect(m.text).toContain('HQ › Floor 3');
    expect(m.text).toContain('2026-12-07 09:15 UTC');
    expect(renderAlert(lng, plan, 'email').text).toMatch(/12\D+10|10\D+12/);
    expect(renderAlert(lng, resolved, 'email').text).toContain('1 h 5 min');
  });

  it('names the device status in the recipient’s language', () => {
    expect(renderAlert('de', device, 'email').text).toContain('Room 2 ist Ausgefallen seit');
    expect(renderAlert('fr', device, 'sms').sms).toContain('Hors service');
    expect(renderAlert('ja', resolved, 'email').text).toContain('正常');
    expect(renderAlert('en', device, 'email').text).toContain('Room 2 is Down since 2026-12-07 09:15 UTC.');
  });

  it.each(languages)('%s: a configuration drift is said in it', (lng) => {
    const drift: AlertMessageParams = { ...device, condition: 'configuration_drift' };
    const m = renderAlert(lng, drift, 'email');
    expect(m.text).toContain('Room 2');
    if (lng !== 'en') {
      expect(m.text).not.toContain('differs from its approved baseline');
      expect(m.subject).not.toContain('Configuration drifted');
      expect(
        renderAlert(lng, { ...drift, event: 'resolved', resolvedAt: resolved.resolvedAt }, 'email').text,
      ).not.toContain('matches its baseline again');
    }
  });

  it('falls back to English for a language the hub does not know', () => {
    expect(renderAlert('sv', device, 'email')).toEqual(renderAlert('en', device, 'email'));
  });
});
