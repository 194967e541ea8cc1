/** Months as the usage API takes them: YYYY-MM, UTC. */
export const currentMonth = (now = new Date()): string => now.toISOString().slice(0, 7);

/** The month `by` months before (negative) or after `month`. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
}

export const isMonth = (s: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

/** "March 2026" in the reader's language. */
export const formatMonth = (month: string, lng: string): string =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString(lng, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
