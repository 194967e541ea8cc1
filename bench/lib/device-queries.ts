// The device list and dashboard queries of the hub's API, as the SQL the hub sends (written out from
// DeviceRepository.list/summary in packages/hub/src/repositories/device.repository.ts), so the
// `web-list` scenario can time them raw through pg and EXPLAIN them. Keep in step with that file.

/** The effective status, written exactly as the hub's index expression (Overflowed overrides). */
export const effectiveStatusSql = `CASE WHEN device_state.overflowed THEN 'Overflowed' ELSE device_state.status END`;

import { deviceSearchCountCap } from '@crosspoint/protocol';

/** A search counts its matches up to this + 1 (the page then says "1,000+"), as the hub does. */
export const searchCountCap = deviceSearchCountCap;

/** A broad search sorts at most this many matches itself (the hub's `BROAD_SEARCH_CAP`). */
export const broadSearchCap = 10_000;

export interface ListShape {
  /** A support organization's roll-up (`rollup_org_id`) instead of one organization's rows (`org_id`). */
  rollup?: boolean;
  /** In a roll-up: one of its organizations only (the API's `organizationId`). */
  organizationId?: string;
  sort?: 'name' | 'status';
  order?: 'asc' | 'desc';
  search?: string;
  group?: 'down';
  /** Keyset cursor: the sort value and id of the previous page's last row. */
  after?: { value: string; id: string };
  /**
   * What-if (what the hub sent before): the cursor filters only outside the subquery, so the sort
   * index's walk starts at the list's start. The hub also bounds the rows inside (`key >= value`).
   */
  unbounded?: boolean;
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
  const onState = [
    ...(shape.group === 'down' ? [`${effectiveStatusSql} IN ('Down')`] : []),
    ...(shape.organizationId === undefined ? [] : [`device_state.org_id = ${param(shape.organizationId)}`]),
  ];
  const column = shape.rollup ? 'rollup_org_id' : 'org_id';
  const where = [`devices.${column} = $1 AND device_state.${column} = $1`, ...onState, ...onDevice];
  const queries: Query[] = [];
  if (shape.knownTotal === undefined) {
    // Counted on one table when the filters allow, as the hub does.
    const scope =
      onDevice.length === 0
        ? `device_state WHERE ${[`device_state.${column} = $1`, ...onState].join(' AND ')}`
        : onState.length === 0
          ? `devices WHERE ${[`devices.${column} = $1`, ...onDevice].join(' AND ')}`
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
  let after = (_t: string) => '';
  const inner = [...where];
  const bound: string[] = [];
  if (shape.after) {
    const v = param(shape.after.value);
    const id = param(shape.after.id);
    after = (t) => `WHERE (${t}.k ${cmp} ${v} OR (${t}.k = ${v} AND ${t}.id ${cmp} ${id}))`;
    if (!shape.unbounded) bound.push(`${key} ${cmp}= ${v}`);
  }
  inner.push(...bound);
  const limit = String((shape.limit ?? 50) + 1);
  // A broad search (past the count's cap) on the device half, sorted by a key of that half: its
  // matches (up to broadSearchCap) sorted first, the page's rows joined to their state after. The
  // hub walks the sort index instead (the statement below) when the matches exceed that cap.
  if (
    shape.search !== undefined &&
    total !== undefined &&
    total > searchCountCap &&
    onState.length === 0 &&
    shape.sort !== 'status'
  ) {
    const onDevices = [`devices.${column} = $1`, ...onDevice, ...bound].join(' AND ');
    queries.push({
      text: `SELECT m.*, device_state.status, device_state.status_since, device_state.overflowed, device_state.last_seen_at,
      locations.name AS location_name, ${effectiveStatusSql} AS effective, organizations.name AS org_name FROM (
        SELECT c.* FROM (
          SELECT devices.id, devices.org_id, devices.rollup_org_id, devices.server_id, devices.agent_device_id,
            devices.family, devices.kind, devices.model, devices.serial, devices.firmware, devices.name, devices.ip,
            devices.parent_agent_id, devices.path, devices.location_id, devices.created_at, ${key} AS k, (${key})::text AS sort_key,
            count(*) OVER () AS matched
          FROM (SELECT * FROM devices WHERE ${onDevices} LIMIT ${String(broadSearchCap + 1)}) devices
        ) c ${after('c')}
        ORDER BY c.k ${dir}, c.id ${dir} LIMIT ${limit}
      ) m
      JOIN device_state ON device_state.device_id = m.id AND device_state.${column} = $1
      LEFT JOIN locations ON locations.id = m.location_id
      JOIN organizations ON organizations.id = m.org_id
      ORDER BY m.k ${dir}, m.id ${dir}`,
      values,
    });
    return queries;
  }
  // The organization's name is looked up for the page's rows only, after sorting and limiting.
  queries.push({
    text: `SELECT m.*, organizations.name AS org_name FROM (SELECT devices.id, devices.org_id, devices.rollup_org_id, devices.server_id, devices.agent_device_id,
      devices.family, devices.kind, devices.model, devices.serial, devices.firmware, devices.name, devices.ip,
      devices.parent_agent_id, devices.path, devices.location_id, devices.created_at,
      device_state.status, device_state.status_since, device_state.overflowed, device_state.last_seen_at,
      locations.name AS location_name, ${effectiveStatusSql} AS effective, ${key} AS k, (${key})::text AS sort_key
      FROM ${from} WHERE ${inner.join(' AND ')} ${filterFirst ? `LIMIT ${String(searchCountCap + 1)}` : ''}) m JOIN organizations ON organizations.id = m.org_id ${after('m')}
      ORDER BY m.k ${dir}, m.id ${dir} LIMIT ${limit}`,
    values,
  });
  return queries;
}

/**
 * The dashboard counts as the hub reads them: the counts the database keeps (migration 0029: a row
 * per key and writer's statement until the hubs fold them into one) summed by status, location and
 * organization (a roll-up's counts per client) in one statement, by model in another.
 */
export function summaryQueries(orgId: string, rollup = false): Query[] {
  const column = rollup ? 'rollup_org_id' : 'org_id';
  return [
    {
      text: `SELECT GROUPING(status, location_id, org_id)::int AS g, status, location_id, org_id, sum(n)::int AS n,
        coalesce(sum(n) FILTER (WHERE status IN ('Down')), 0)::int AS down, coalesce(sum(n) FILTER (WHERE status NOT IN ('Down', 'Healthy', 'Not Monitored')), 0)::int AS issues
        FROM device_status_counts WHERE ${column} = $1
        GROUP BY GROUPING SETS ((status), (location_id), (org_id)) HAVING sum(n) <> 0`,
      values: [orgId],
    },
    {
      text: `SELECT model, kind, sum(n)::int AS n FROM device_model_counts WHERE ${column} = $1 GROUP BY model, kind HAVING sum(n) <> 0 ORDER BY sum(n) DESC, model, kind`,
      values: [orgId],
    },
  ];
}

/**
 * What-if (what the hub did before the kept counts): the same counts recounted from every device,
 * state by status, location and organization in one pass, devices by model in another.
 */
export function recountQueries(orgId: string, rollup = false): Query[] {
  const column = rollup ? 'rollup_org_id' : 'org_id';
  return [
    {
      text: `SELECT GROUPING(e.status, device_state.location_id, device_state.org_id)::int AS g, e.status, device_state.location_id, device_state.org_id, count(*)::int AS n,
        (count(*) FILTER (WHERE e.status IN ('Down')))::int AS down, (count(*) FILTER (WHERE e.status NOT IN ('Down', 'Healthy', 'Not Monitored')))::int AS issues
        FROM device_state CROSS JOIN LATERAL (SELECT ${effectiveStatusSql} AS status) e
        WHERE device_state.${column} = $1
        GROUP BY GROUPING SETS ((e.status), (device_state.location_id), (device_state.org_id))`,
      values: [orgId],
    },
    {
      text: `SELECT devices.model, devices.kind, count(*)::int AS n FROM devices WHERE devices.${column} = $1 GROUP BY devices.model, devices.kind ORDER BY count(*) DESC`,
      values: [orgId],
    },
  ];
}

/** The API's opaque keyset cursor for a row (the hub's `encodeCursor`): sort value, id, and the total it carries. */
export const keysetCursor = (value: string, id: string, total: number): string =>
  Buffer.from(JSON.stringify([value, id, total])).toString('base64url');
