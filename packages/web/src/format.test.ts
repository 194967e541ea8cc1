import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatDay,
  formatDuration,
  formatNumber,
  formatTime,
  numberFormat,
} from './format.ts';

const languages = ['en', 'fr', 'de', 'es', 'it', 'pt', 'pl', 'ru', 'ja', 'ko', 'zh', 'ar'];

describe('format: kept Intl formatters say what a fresh one says', () => {
  const when = Date.UTC(2026, 11, 7, 18, 4, 12);
  it.each(languages)('dates and times in %s read as Date#toLocale… reads them', (lng) => {
    expect(formatDateTime(when, lng)).toBe(new Date(when).toLocaleString(lng));
    expect(formatDate(when, lng)).toBe(new Date(when).toLocaleDateString(lng));
    expect(formatTime(when, lng)).toBe(new Date(when).toLocaleTimeString(lng));
    expect(formatDay('2026-12-07', lng)).toBe(
      new Date('2026-12-07T00:00:00Z').toLocaleDateString(lng, { timeZone: 'UTC' }),
    );
  });

  it('an unreadable date reads "Invalid Date" rather than throwing', () => {
    expect(formatDateTime('not a date', 'en')).toBe('Invalid Date');
    expect(formatDay('someday', 'en')).toBe('someday');
  });

  it('builds one formatter per language and options, and keeps them apart', () => {
    expect(numberFormat('fr', { style: 'percent' })).toBe(numberFormat('fr', { style: 'percent' }));
    expect(numberFormat('fr', { style: 'percent' })).not.toBe(numberFormat('de', { style: 'percent' }));
    expect(formatNumber(1234.5, 'de')).toBe(new Intl.NumberFormat('de').format(1234.5));
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatDuration(3 * 3_600_000 + 5, 'en')).toBe('3 hours');
    expect(formatDuration(125_000, 'fr')).toBe(
      new Intl.NumberFormat('fr', { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(2),
    );
  });
});
