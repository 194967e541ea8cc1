import type { DeviceRow } from '@crosspoint/protocol';

/** One CSV field, quoted when it holds a comma, quote or line break; formula-looking text is defused. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The current view as CSV: the visible columns, in order, one line per device. */
export function toCsv(
  columns: { label: string; text: (d: DeviceRow) => string }[],
  rows: DeviceRow[],
): string {
  const lines = [columns.map((c) => csvField(c.label)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.text(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
