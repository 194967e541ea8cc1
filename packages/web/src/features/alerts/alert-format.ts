import { formatDateTime } from '../../format.ts';

export const when = (iso: string | null, lng: string) => (iso ? formatDateTime(iso, lng) : '—');

/** A weekday (0 = Sunday) in the active language, e.g. "Mon", "lun.", "Mo". */
export function weekday(day: number, lng: string): string {
  return new Intl.DateTimeFormat(lng, { weekday: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2023, 0, 1 + day)),
  );
}
