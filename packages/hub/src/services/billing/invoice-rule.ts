import type { InvoiceLineRecord } from '../../db/schema/billing.ts';

/**
 * The amounts of an invoice (docs/billing.md), in integer minor units (cents): no floating point
 * touches money. Quantities are hundredths of a unit (average devices to 2 decimals).
 */

/** n / d rounded half up, for n ≥ 0 and d > 0, in integers. */
export function roundDiv(n: number, d: number): number {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || d <= 0 || n < 0)
    throw new RangeError(`roundDiv(${String(n)}, ${String(d)}): out of range`);
  return Number((BigInt(n) * 2n + BigInt(d)) / (BigInt(d) * 2n));
}

/** The average devices of a month in hundredths: device-days ÷ days in the month, rounded half up. */
export function averageHundredths(deviceDays: number, daysInMonth: number): number {
  // Device-days come to 4 decimals: take them as ten-thousandths, exactly.
  return roundDiv(Math.round(deviceDays * 10_000), daysInMonth * 100);
}

/** A month's price per device: a yearly price bills one twelfth each month (rounded half up). */
export const monthlyPrice = (price: number, period: 'month' | 'year'): number =>
  period === 'year' ? roundDiv(price, 12) : price;

/** One line: quantity (hundredths) × unit price, rounded half up to the minor unit. */
export function lineOf(
  kind: InvoiceLineRecord['kind'],
  description: string,
  quantity100: number,
  unitPrice: number,
): InvoiceLineRecord {
  return { kind, description, quantity100, unitPrice, amount: roundDiv(quantity100 * unitPrice, 100) };
}

/** Quantity as given (up to 2 decimals) → hundredths. */
export const hundredths = (quantity: number): number => Math.round(quantity * 100);

export interface Totals {
  lines: InvoiceLineRecord[];
  subtotal: number;
  tax: number;
  total: number;
}

/**
 * The lines with the minimum applied (a "minimum" line tops the subtotal up to it; any earlier one
 * is dropped first), then tax on the subtotal (rounded half up once, on the whole), then the total.
 */
export function totalsOf(
  lines: readonly InvoiceLineRecord[],
  minimum: number,
  taxRateBp: number,
  minimumLabel: string,
): Totals {
  const billed = lines.filter((l) => l.kind !== 'minimum');
  const sum = billed.reduce((n, l) => n + l.amount, 0);
  const withMinimum =
    sum < minimum ? [...billed, { ...lineOf('minimum', minimumLabel, 100, minimum - sum) }] : billed;
  const subtotal = Math.max(sum, minimum);
  const tax = roundDiv(subtotal * taxRateBp, 10_000);
  return { lines: withMinimum, subtotal, tax, total: subtotal + tax };
}

/** The day `days` after a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Minor units as a decimal string with the currency's two decimals ("1234.50"). */
export const decimal = (minor: number): string =>
  `${minor < 0 ? '-' : ''}${String(Math.floor(Math.abs(minor) / 100))}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;

/** Hundredths as a quantity string ("12.5" → "12.50"). */
export const quantityText = (q100: number): string => decimal(q100);
