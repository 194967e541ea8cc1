// The device list and dashboard queries of the hub's API, as the SQL the hub sends (written out from
// DeviceRepository.list/summary in packages/hub/src/repositories/device.repository.ts), so the
// `web-list` scenario can time them raw through pg and EXPLAIN them. Keep in step with that file.

/** The effective status, written exactly as the hub's index expression (Overflowed overrides). */
export const effectiveStatusSql = `CASE WHEN device_state.overflowed THEN 'Overflowed' ELSE device_state.status END`;

import { deviceSearchCountCap } from '@crosspoint/protocol';

/** A search counts its matches up to this + 1 (the page then says "1,000+"), as the hub does. */
export const searchCountCap = deviceSearchCountCap;

export interface ListShape {
  sort?: 'name' | 'status';
  order?: 'asc' | 'desc';
  search?: string;
  group?: 'down';
  /** Keyset cursor: the sort value and id of the previous page's last row. */
  after?: { value: string; id: string };
  limit?: number;
  /**
   * The total, when the hub knows it without counting: a cursor page (carried in the cursor) or
   * an unfiltered list (from the dashboard counts it keeps). Then no count statement is sent.
   */
  knownTotal?: number;
}

export interface Query {
  text: string;
  values: unknown[];
}

/** `%term%` lowercased with LIKE's wildcards escaped, as the hub's list does. */
export const likePattern = (term: string): string =>
  `%${term
    .replace(/\p{Cc}/gu, ' ')
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const from =
  'devices JOIN device_state ON device_state.device_id = devices.id LEFT JOIN locations ON locations.id = devices.location_id';

/**
 * The statements of one list page: the count unless the total is known (capped for a search), then
 * the page (limit + 1 rows). A search whose count is within the cap selects its matches before
 * sorting, which needs the count's answer: pass it as `matches`.
 */
export function listQueries(orgId: string, shape: ListShape, matches?: number): Query[] {
  const values: unknown[] = [orgId];
  const param = (v: unknown) => {
    values.push(v);
    return `$${String(values.length)}`;
  };
  const onDevice =
    shape.search === undefined ? [] : [`devices.search_text LIKE ${param(likePattern(shape.search))}`];
  const onState = shape.group === 'down' ? [`${effectiveStatusSql} = 'Down'`] : [];
  const where = ['devices.org_id = $1 AND device_state.org_id = $1', ...onDevice, ...onState];
  const queries: Query[] = [];
  if (shape.knownTotal === undefined) {
    // Counted on one table when the filters allow, as the hub does.
    const scope =
      onDevice.length === 0
        ? `device_state WHERE ${['device_state.org_id = $1', ...onState].join(' AND ')}`
        : onState.length === 0
          ? `devices WHERE ${['devices.org_id = $1', ...onDevice].join(' AND ')}`
          : `${from} WHERE ${where.join(' AND ')}`;
    queries.push({
      text:
        shape.search === undefined
          ? `SELECT count(*)::int AS n FROM ${scope}`
          : `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${scope} LIMIT ${String(searchCountCap + 1)}) m`,
      values: [...values],
    });
  }
  const total = shape.knownTotal ?? matches;
  const filterFirst = shape.search !== undefined && total !== undefined && total <= searchCountCap;
  const key = shape.sort === 'status' ? effectiveStatusSql : 'lower(devices.name)';
  const dir = shape.order === 'desc' ? 'DESC' : 'ASC';
  const cmp = shape.order === 'desc' ? '<' : '>';
  let after = '';
  if (shape.after) {
    const v = param(shape.after.value);
    const id = param(shape.after.id);
    after = `WHERE (m.k ${cmp} ${v} OR (m.k = ${v} AND m.id ${cmp} ${id}))`;
  }
  queries.push({
    text: `SELECT m.* FROM (SELECT devices.*, device_state.status, device_state.status_since, device_state.overflowed, device_state.last_seen_at,
      locations.name AS location_name, ${effectiveStatusSql} AS effective, ${key} AS k, (${key})::text AS sort_key
      FROM ${from} WHERE ${where.join(' AND ')} ${filterFirst ? `LIMIT ${String(searchCountCap + 1)}` : ''}) m ${after}
      ORDER BY m.k ${dir}, m.id ${dir} LIMIT ${String((shape.limit ?? 50) + 1)}`,
    values,
  });
  return queries;
}

/** The dashboard counts as the hub recounts them after a change: state by status and location, devices by model. */
export function summaryQueries(orgId: string): Query[] {
  return [
    {
      text: `SELECT GROUPING(e.status, device_state.location_id)::int AS g, e.status, device_state.location_id, count(*)::int AS n,
        (count(*) FILTER (WHERE e.status = 'Down'))::int AS down, (count(*) FILTER (WHERE e.status NOT IN ('Down', 'Healthy')))::int AS issues
        FROM device_state CROSS JOIN LATERAL (SELECT ${effectiveStatusSql} AS status) e
        WHERE device_state.org_id = $1
        GROUP BY GROUPING SETS ((e.status), (device_state.location_id))`,
      values: [orgId],
    },
    {
      text: 'SELECT devices.model, devices.kind, count(*)::int AS n FROM devices WHERE devices.org_id = $1 GROUP BY devices.model, devices.kind ORDER BY count(*) DESC',
      values: [orgId],
    },
  ];
}
