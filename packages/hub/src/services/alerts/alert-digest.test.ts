import { describe, expect, it } from 'vitest';
import { digestItemOf, digestPayload, renderDigest, type DigestItem } from './alert-digest.ts';
import { digestWords } from './digest-words.ts';
import { webhookBody } from './webhook-formats.ts';

const item = (n: number, over: Partial<DigestItem> = {}): DigestItem => ({
  event: 'opened',
  language: 'en',
  organization: 'Acme Client',
  ruleName: 'Devices down',
  name: `Room ${String(n)}`,
  model: 'CONVERGE Pro 2 48T',
  condition: 'Down',
  now: null,
  since: new Date(Date.UTC(2026, 11, 7, 7, 30, n % 60)).toISOString(),
  resolvedAt: null,
  location: n % 2 ? 'Floor 1' : 'Floor 2',
  server: `Site ${String(n % 3)}`,
  link: `https://av.example.com/devices/00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  listLink: 'https://av.example.com/devices?status=Down&organizationId=o1',
  ...over,
});
const items = (n: number, over: Partial<DigestItem> = {}) =>
  Array.from({ length: n }, (_, i) => item(i + 1, over));

describe(renderDigest.name, () => {
  it('says how many devices, lists the first 20 with their links, counts the rest, and links the filtered list', () => {
    const m = renderDigest(items(1999), 'email');
    expect(m.subject).toBe('[Crosspoint] Down: 1,999 devices — Acme Client');
    expect(m.text).toMatch(
      /^1,999 devices of Acme Client are Down \(the first since 2026-12-07 07:30 UTC\)\./,
    );
    expect(m.text).toContain('By server:\n  Site 1: 667\n  Site 0: 666\n  Site 2: 666');
    expect(m.text).toContain('By location:\n  Floor 1: 1,000\n  Floor 2: 999');
    expect(m.text.match(/\/devices\/[0-9a-f-]{36}/g)).toHaveLength(20);
    expect(m.text).toContain('  … and 1,979 more');
    expect(m.text).toContain('Open the list: https://av.example.com/devices?status=Down&organizationId=o1');
    expect(m.text).toContain('You receive this because alerts of Acme Client reach you by email.');
    expect(m.sms).toBe(
      'Crosspoint: 1,999 devices of Acme Client are Down since 07:30 UTC. https://av.example.com/devices?status=Down&organizationId=o1',
    );
  });
  it('titles repeats and resolutions like single alerts', () => {
    expect(renderDigest(items(3, { event: 'repeat' }), 'email').subject).toBe(
      '[Crosspoint] Still Down: 3 devices — Acme Client',
    );
    const back = renderDigest(items(3, { event: 'resolved', now: 'Healthy' }), 'email');
    expect(back.subject).toBe('[Crosspoint] Resolved: Down: 3 devices — Acme Client');
    expect(back.text).toMatch(/^3 devices of Acme Client are no longer Down\./);
  });
  it('speaks every language of the alerts, with its plural forms and its status names', () => {
    for (const language of Object.keys(digestWords)) {
      const m = renderDigest(items(5, { language }), 'email');
      expect(m.subject, language).toMatch(/^\[Crosspoint\] .+: .*5.* — Acme Client$/);
      if (language !== 'en')
        expect(m.text, language).not.toMatch(
          /\d devices|By server|By location|Open the list|the first since/,
        );
    }
    expect(renderDigest(items(2, { language: 'ru' }), 'email').subject).toContain('2 устройства');
    expect(renderDigest(items(5, { language: 'ru' }), 'email').subject).toContain('5 устройств');
    expect(renderDigest(items(22, { language: 'pl' }), 'email').subject).toContain('22 urządzenia');
    expect(renderDigest(items(2, { language: 'ar' }), 'email').subject).toContain('جهازان');
    expect(renderDigest(items(2, { language: 'de' }), 'email').subject).toBe(
      '[Crosspoint] Ausgefallen: 2 Geräte — Acme Client',
    );
  });
  it('reads stored items defensively', () => {
    expect(digestItemOf(null)).toBeUndefined();
    expect(digestItemOf({ name: 1 })).toBeUndefined();
    expect(digestItemOf({ ...item(1), event: 'nonsense' })?.event).toBe('opened');
  });
  it('gives chat webhooks one message with the count and the list link', () => {
    const body = JSON.parse(webhookBody('slack', 'k1', digestPayload(items(12), new Date()))) as {
      text: string;
      blocks: { fields?: { text: string }[]; elements?: { url: string }[] }[];
    };
    expect(body.text).toBe(':red_circle: Down: 12 devices — Acme Client');
    expect(body.blocks[1]?.fields?.map((f) => f.text)).toContain('*Devices*\n12');
    expect(body.blocks[2]?.elements?.[0]?.url).toBe(
      'https://av.example.com/devices?status=Down&organizationId=o1',
    );
  });
});
