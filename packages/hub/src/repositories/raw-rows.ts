/** Both drivers (pg and PGlite) answer raw SQL with `{ rows }`. */
export const rowsOf = <T = unknown>(result: unknown): T[] => (result as { rows: T[] }).rows;
