import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../format.ts';
import { inputToMinor, inputToQuantity, minorToInput } from './money.ts';

describe('money in minor units', () => {
  it('formats minor units in the currency and the language', () => {
    expect(formatMoney(123450, 'EUR', 'en')).toBe('€1,234.50');
    expect(formatMoney(123450, 'EUR', 'de')).toBe('1.234,50\u00a0€');
    expect(formatMoney(500, 'JPY', 'en')).toBe('¥500');
  });

  it('reads typed amounts as integers, and refuses what is not an amount', () => {
    expect(inputToMinor('12.50', 'EUR')).toBe(1250);
    expect(inputToMinor('12,5', 'EUR')).toBe(1250);
    expect(inputToMinor('1 000', 'EUR')).toBe(100000);
    expect(inputToMinor('0.07', 'EUR')).toBe(7);
    expect(inputToMinor('500', 'JPY')).toBe(500);
    expect(inputToMinor('1.005', 'EUR')).toBeNull();
    expect(inputToMinor('-1', 'EUR')).toBeNull();
    expect(inputToMinor('abc', 'EUR')).toBeNull();
    expect(minorToInput(1250, 'EUR')).toBe('12.50');
    expect(inputToQuantity('3,25')).toBe(3.25);
    expect(inputToQuantity('3.255')).toBeNull();
  });
});
