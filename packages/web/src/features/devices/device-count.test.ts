import { describe, expect, it } from 'vitest';
import { deviceSearchCountCap } from '@crosspoint/protocol';
import { createScreenI18n } from '../../i18n/i18n.ts';
import { formatBytes, formatTotal } from '../../format.ts';
import { deviceCount } from './device-count.ts';

describe('device count', () => {
  it('says "1,000+" in each language when the hub capped the count (total 1,001), never 1,001', async () => {
    expect(deviceSearchCountCap).toBe(1000);
    const said = async (lng: 'en' | 'fr' | 'de') =>
      deviceCount((await createScreenI18n(lng)).t, lng, deviceSearchCountCap + 1, true);
    expect(await said('en')).toBe('1,000+ devices');
    expect(await said('fr')).toBe('1\u202f000+ appareils');
    expect(await said('de')).toBe('1.000+ Geräte');
    for (const lng of ['en', 'fr', 'de'] as const) expect(await said(lng)).not.toMatch(/1.?001/);
  });
  it('counts exactly otherwise, with plurals', async () => {
    expect(deviceCount((await createScreenI18n('en')).t, 'en', 1, false)).toBe('1 device');
    expect(deviceCount((await createScreenI18n('de')).t, 'de', 5000, false)).toMatch(/^5\.?000 Geräte$/);
    expect(formatTotal(12_345, false, 'en')).toBe('12,345');
  });
});

describe('formatBytes', () => {
  it('uses the largest unit and the language’s separators', () => {
    expect(formatBytes(950, 'en')).toBe('950 byte');
    expect(formatBytes(50_021, 'en')).toBe('50 kB');
    expect(formatBytes(31_250_000, 'de')).toBe('31,3 MB');
  });
});
