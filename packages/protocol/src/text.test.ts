import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Value } from 'typebox/value';
import { MultilineText, Text, cleanDeviceText, isCleanText, isUnstorableText, textPattern } from './text.ts';

/** Any UTF-16 code unit, unpaired surrogates and control characters included. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyText = fc.string({
  unit: fc.oneof(
    anyUnit,
    fc.constantFrom('\u0000', '\u001b', '\ud83c\udfa4', '\ud800', '\udc00', '\n', ' ', 'é'),
  ),
  maxLength: 300,
});

describe('text rules', () => {
  it('refuses control characters and unpaired surrogates, takes every other character (emoji, combining marks, CJK)', () => {
    for (const bad of [
      'a\u0000b',
      'tab\there',
      'line\nbreak',
      'esc\u001b[31m',
      'del\u007f',
      'c1\u0085',
      'lone \ud800',
      'lone \udc00 low',
      'reversed \udc00\ud800',
    ]) {
      expect(isCleanText(bad), JSON.stringify(bad)).toBe(false);
      expect(Value.Check(Text(), bad), JSON.stringify(bad)).toBe(false);
    }
    for (const good of [
      '',
      'Room 1',
      'Salle 🎤 Zürich – 東京',
      'e\u0301',
      '\u00a0nbsp',
      '\ufffd',
      '\u{10ffff}',
    ]) {
      expect(isCleanText(good), JSON.stringify(good)).toBe(true);
      expect(Value.Check(Text(), good), JSON.stringify(good)).toBe(true);
    }
    expect(Value.Check(MultilineText(), 'line 1\r\n\tline 2')).toBe(true);
    expect(Value.Check(MultilineText(), 'nul\u0000')).toBe(false);
    expect(isUnstorableText('a\u0000')).toBe(true);
    expect(isUnstorableText('\ud83c\udfa4')).toBe(false);
    expect(isUnstorableText('x\ud83c')).toBe(true);
  });

  it('cleans any string into clean, bounded text, keeps clean text as it is, and is idempotent', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 200 }), (raw, max) => {
        const clean = cleanDeviceText(raw, max);
        expect(isCleanText(clean)).toBe(true);
        expect(new RegExp(textPattern, 'u').test(clean)).toBe(true);
        expect(clean.length).toBeLessThanOrEqual(max);
        expect(cleanDeviceText(clean, max)).toBe(clean);
        if (isCleanText(raw) && raw.trim() === raw && raw.length <= max) expect(clean).toBe(raw);
      }),
      { numRuns: 500 },
    );
  });

  it('cuts without splitting a surrogate pair', () => {
    expect(cleanDeviceText('ab🎤', 3)).toBe('ab');
    expect(cleanDeviceText('a\u0000\ud800\nb', 10)).toBe('a\ufffd b');
  });
});
