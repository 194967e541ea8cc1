import { minorDigits } from '../../format.ts';

/** Minor units as the plain decimal a form field shows: 1250 EUR → "12.50". */
export const minorToInput = (minor: number, currency: string): string => {
  const digits = minorDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
};

/**
 * What a person typed as an amount ("12.50", "12,5", "1 000") in minor units, or null when it is not
 * an amount of `currency` (negative, or more decimals than the currency has). Integers only: no
 * floating point on the way.
 */
export function inputToMinor(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const clean = text
    .trim()
    .replace(/[\s\u00a0\u202f']/g, '')
    .replace(',', '.');
  const m = /^(\d+)(?:\.(\d*))?$/.exec(clean);
  if (!m) return null;
  const fraction = m[2] ?? '';
  if (fraction.length > digits) return null;
  return Number(m[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** A quantity typed with up to 2 decimals ("3.5", "3,25") as a number, or null. */
export function inputToQuantity(text: string): number | null {
  const clean = text.trim().replace(',', '.');
  if (!/^\d+(\.\d{0,2})?$/.test(clean)) return null;
  return Number(clean);
}
