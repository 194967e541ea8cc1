// The device list and dashboard queries of the hub's API, as the SQL the hub sends (written out from
// DeviceRepository.list/summary in packages/hub/src/repositories/device.repository.ts), so the
// `web-list` scenario can time them raw through pg and EXPLAIN them. Keep in step with that file.

/** The effective status (Overflowed overrides what the agent reports). */
const status = `CASE WHEN d.overflowed THEN 'Overflowed' ELSE d.status END`;

export interface ListShape {
  sort?: 'name' | 'status';
  order?: 'asc' | 'desc';
  search?: string;
  group?: 'down';
  /** Keyset cursor: the sort value and id of the previous page's last row. */
  after?: { value: string; id: string };
  limit?: number;
  /**
   * What-if, not the hub's query: select the matching rows first (a MATERIALIZED CTE), then sort
   * and cut the page, so the planner cannot walk the sort index filtering row by row.
   */
  filterFirst?: boolean;
  /** What-if, not the hub's query: count at most this many matches ("5,000+"). */
  countCap?: number;
}

export interface Query {
  text: string;
  values: unknown[];
}

/** `%term%` with LIKE's wildcards escaped, as the hub's escapeLike does. */
export const likePattern = (term: string): string => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The two statements of one list page: the total matching the filters, then the page (limit + 1 rows). */
export function listQueries(orgId: string, shape: ListShape): { count: Query; page: Query } {
  const values: unknown[] = [orgId];
  const param = (v: unknown) => {
    values.push(v);
    return `$${String(values.length)}`;
  };
  const where = ['d.org_id = $1'];
  if (shape.search !== undefined) {
    const p = param(likePattern(shape.search));
    where.push(
      `(d.name ILIKE ${p} OR d.serial ILIKE ${p} OR d.model ILIKE ${p} OR d.ip ILIKE ${p} OR d.firmware ILIKE ${p} OR d.path::text ILIKE ${p})`,
    );
  }
  if (shape.group === 'down') where.push(`(${status}) = 'Down'`);
  const from = 'FROM devices d LEFT JOIN locations l ON l.id = d.location_id';
  const count: Query = {
    text:
      shape.countCap === undefined
        ? `SELECT count(*)::int AS n ${from} WHERE ${where.join(' AND ')}`
        : `SELECT count(*)::int AS n FROM (SELECT 1 ${from} WHERE ${where.join(' AND ')} LIMIT ${String(shape.countCap)}) capped`,
    values: [...values],
  };
  const key = shape.sort === 'status' ? status : 'lower(d.name)';
  const dir = shape.order === 'desc' ? 'DESC' : 'ASC';
  const cmp = shape.order === 'desc' ? '<' : '>';
  if (shape.after) {
    const v = param(shape.after.value);
    const id = param(shape.after.id);
    where.push(`((${key}) ${cmp} ${v} OR ((${key}) = ${v} AND d.id ${cmp} ${id}))`);
  }
  const select = `SELECT d.*, l.name AS location_name, (${key})::text AS sort_key, ${status} AS effective`;
  const tail = `ORDER BY ${key} ${dir}, d.id ${dir} LIMIT ${String((shape.limit ?? 50) + 1)}`;
  const page: Query = {
    text: shape.filterFirst
      ? `WITH d AS MATERIALIZED (SELECT * FROM devices d WHERE ${where.join(' AND ')}) ${select} FROM d LEFT JOIN locations l ON l.id = d.location_id ${tail}`
      : `${select} ${from} WHERE ${where.join(' AND ')} ${tail}`,
    values,
  };
  return { count, page };
}

/** The three statements of the dashboard summary: by effective status, by model, by location. */
export function summaryQueries(orgId: string): Query[] {
  return [
    `SELECT ${status} AS status, count(*)::int AS n FROM devices d WHERE d.org_id = $1 GROUP BY 1`,
    'SELECT d.model, d.kind, count(*)::int AS n FROM devices d WHERE d.org_id = $1 GROUP BY d.model, d.kind ORDER BY count(*) DESC',
    `SELECT d.location_id, count(*)::int AS n, (count(*) FILTER (WHERE (${status}) = 'Down'))::int AS down, (count(*) FILTER (WHERE (${status}) NOT IN ('Down', 'Healthy')))::int AS issues FROM devices d WHERE d.org_id = $1 GROUP BY d.location_id`,
  ].map((text) => ({ text, values: [orgId] }));
}
