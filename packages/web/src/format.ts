/**
 * Numbers, dates and durations in the active language, through Intl (the catalogs hold no formats).
 * Every function takes the language tag, e.g. `i18n.language` from `useTranslation()`.
 */

// Building an Intl formatter costs far more than using one (a list of 100 devices formats 200
// dates and durations): each language and options pair is built once and kept.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The language's number format with these options, built on first use. */
export function numberFormat(lng: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${lng}\u0000${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(lng, options)));
  return f;
}

function dateFormat(lng: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lng}\u0000${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(lng, options)));
  return f;
}

const day = { year: 'numeric', month: 'numeric', day: 'numeric' } as const;
const time = { hour: 'numeric', minute: 'numeric', second: 'numeric' } as const;

/** As `Date#toLocaleString` and its kin would say it (they take these options by default), from a kept format. */
function formatWhen(value: When, lng: string, options: Intl.DateTimeFormatOptions): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(date) : dateFormat(lng, options).format(date);
}

/** "6 hours", "2 minutes", "12 seconds": the largest whole unit, as status "since" labels read. */
export function formatDuration(ms: number, lng: string): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const units: [number, 'day' | 'hour' | 'minute' | 'second'][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  const [size, unit] = units.find(([size]) => s >= size) ?? [1, 'second'];
  return numberFormat(lng, { style: 'unit', unit, unitDisplay: 'long' }).format(Math.floor(s / size));
}

type When = string | number | Date;

/** Date and time, e.g. "27/11/2026 10:04:12". */
export const formatDateTime = (value: When, lng: string): string =>
  formatWhen(value, lng, { ...day, ...time });
/** The date only. */
export const formatDate = (value: When, lng: string): string => formatWhen(value, lng, day);
/** The time of day only. */
export const formatTime = (value: When, lng: string): string => formatWhen(value, lng, time);
/** A calendar day sent as `YYYY-MM-DD` (a plan's start or end), the same day in every time zone. */
export const formatDay = (isoDay: string, lng: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(isoDay)
    ? formatWhen(`${isoDay}T00:00:00Z`, lng, { ...day, timeZone: 'UTC' })
    : isoDay;
/** A number with the language's separators. */
export const formatNumber = (value: number, lng: string, options?: Intl.NumberFormatOptions): string =>
  numberFormat(lng, options).format(value);
/** A file size with the language's separators: "950 B", "48.8 kB", "31.2 MB" (powers of 1,000). */
export function formatBytes(bytes: number, lng: string): string {
  const units: ['byte' | 'kilobyte' | 'megabyte' | 'gigabyte', number][] = [
    ['gigabyte', 1e9],
    ['megabyte', 1e6],
    ['kilobyte', 1e3],
  ];
  const [unit, size] = units.find(([, size]) => bytes >= size) ?? ['byte', 1];
  return numberFormat(lng, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: unit === 'byte' ? 0 : 1,
  }).format(bytes / size);
}

/**
 * A list's total for people: "1,000+" (in the language's format) when the hub capped the count
 * (it then sends the cap plus one), the number itself otherwise.
 */
export const formatTotal = (total: number, capped: boolean, lng: string): string =>
  capped ? `${formatNumber(Math.max(0, total - 1), lng)}+` : formatNumber(total, lng);

/** The number of minor units in one unit of `currency` (100 for EUR, 1 for JPY), as Intl knows it. */
export const minorDigits = (currency: string): number =>
  numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** An amount the hub sends in minor units (cents), in `currency` and the language's format: "€1,234.50". */
export const formatMoney = (minor: number, currency: string, lng: string): string =>
  numberFormat(lng, { style: 'currency', currency }).format(minor / 10 ** minorDigits(currency));
