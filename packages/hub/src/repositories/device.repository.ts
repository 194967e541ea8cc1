import { and, desc, eq, getTableColumns, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import {
  deviceGroups,
  deviceSearchCountCap,
  statusesByGroup,
  unknownStatusGroup,
  type DeviceGroup,
} from '@crosspoint/protocol';
import type { Db } from '../db/open-database.ts';
import { deviceState, deviceStatusHistory, devices } from '../db/schema/index.ts';
import { escapeLike } from './organization.repository.ts';
import { rowsOf } from './raw-rows.ts';
import { inOrgScope, type OrgScope } from './org-scope.ts';

/** A device with its current state (the two halves of `devices` and `device_state`). */
export type DeviceRecord = Omit<typeof devices.$inferSelect, 'searchText'> &
  Omit<typeof deviceState.$inferSelect, 'deviceId' | 'orgId'>;

export interface DeviceListFilter {
  search?: string | undefined;
  status?: string | undefined;
  group?: DeviceGroup | undefined;
  model?: string | undefined;
  /** Exactly this address. */
  ip?: string | undefined;
  serverId?: string | undefined;
  locationId?: string | undefined;
  kind?: 'pro-audio' | 'video' | undefined;
  /** In a roll-up: one of its organizations only. */
  orgId?: string | undefined;
  /**
   * Only devices older than the newest firmware of their organization's catalog: the rows
   * (organization, model, newest version) the catalog gives; an empty list matches nothing.
   */
  olderThan?: { orgId: string; model: string; version: string }[] | undefined;
}

/**
 * Devices whose dotted firmware is below the version given for their organization and model
 * (compared part by part as numbers; a firmware that is not dotted numbers is never older).
 */
function olderThan(rows: { orgId: string; model: string; version: string }[]): SQL {
  if (rows.length === 0) return sql`false`;
  const values = sql.join(
    rows.map((r) => sql`(${r.orgId}::uuid, ${r.model}, ${r.version})`),
    sql`, `,
  );
  return sql`EXISTS (SELECT 1 FROM (VALUES ${values}) AS v(org_id, model, version)
    WHERE v.org_id = devices.org_id AND v.model = devices.model
      AND devices.firmware ~ '^[0-9]{1,9}(\.[0-9]{1,9}){0,7}$'
      AND string_to_array(devices.firmware, '.')::bigint[] < string_to_array(v.version, '.')::bigint[])`;
}

/** The scope's condition on a table that carries `org_id` and `rollup_org_id` (the roll-up on the row). */
function inScope(table: 'devices' | 'device_state', scope: OrgScope): SQL {
  return scope.rollup
    ? sql`${sql.raw(table)}.rollup_org_id = ${scope.orgId}`
    : sql`${sql.raw(table)}.org_id = ${scope.orgId}`;
}

export interface StatusCount {
  status: string;
  n: number;
}

/**
 * The kept counts (migration 0029): each table's key, its one nullable column, and the device
 * table they count with the key's columns as `counted` selects them from it.
 */
const keptCounts = [
  {
    table: 'device_status_counts',
    key: ['org_id', 'rollup_org_id', 'location_id', 'status'],
    nullable: 'location_id',
    source: 'device_state',
    counted: `org_id, rollup_org_id, location_id, CASE WHEN overflowed THEN 'Overflowed' ELSE status END AS status`,
  },
  {
    table: 'device_model_counts',
    key: ['org_id', 'rollup_org_id', 'model', 'kind'],
    nullable: undefined,
    source: 'devices',
    counted: 'org_id, rollup_org_id, model, kind',
  },
];

/** One hub at a time folds the kept counts, and one reconciles them. */
const FOLD_LOCK_KEY = 7_261_029;
const RECONCILE_LOCK_KEY = 7_261_030;

/** A search counts its matches up to this; past it the total is a lower bound ("1,000+"). */
export const SEARCH_COUNT_CAP = deviceSearchCountCap;

export interface DeviceSummaryCounts {
  byStatus: StatusCount[];
  byModel: { model: string; kind: string; n: number }[];
  byLocation: { locationId: string | null; n: number; down: number; issues: number }[];
  /** A roll-up's counts per organization (empty for one organization's). */
  byOrg: { orgId: string; n: number; down: number; issues: number }[];
}

const deviceColumns = (() => {
  const { searchText: _searchText, ...columns } = getTableColumns(devices);
  return columns;
})();
/**
 * A status (an SQL expression) is in a group, by protocol's `statusesByGroup`: one of its statuses,
 * or, for the group that also takes the statuses protocol does not know (`unknownStatusGroup`), none
 * of the other groups' statuses — the SQL form of `groupOf`.
 */
function inGroup(status: SQL, group: DeviceGroup): SQL {
  return group === unknownStatusGroup
    ? notInArray(
        status,
        deviceGroups.filter((g) => g !== group).flatMap((g) => statusesByGroup[g]),
      )
    : inArray(status, statusesByGroup[group]);
}

const stateColumns = {
  status: deviceState.status,
  statusSince: deviceState.statusSince,
  overflowed: deviceState.overflowed,
  lastSeenAt: deviceState.lastSeenAt,
};

/** A list row as the driver returns it (PGlite and node-postgres differ on dates and JSON). */
type Raw = Omit<DeviceRecord, 'statusSince' | 'lastSeenAt' | 'createdAt' | 'path'> & {
  statusSince: Date | string;
  lastSeenAt: Date | string;
  createdAt: Date | string;
  path: string[] | string;
  locationName: string | null;
  orgName: string;
  sortKey: string;
  effective: string;
};

const record = ({ k: _k, ...r }: Raw & { k?: unknown }) => ({
  ...r,
  statusSince: new Date(r.statusSince),
  lastSeenAt: new Date(r.lastSeenAt),
  createdAt: new Date(r.createdAt),
  path: typeof r.path === 'string' ? (JSON.parse(r.path) as string[]) : r.path,
});

/** The list's sort keys on the device half (`devices` alone): a broad search sorts its matches before joining. */
const deviceSortKeys = new Set(['name', 'model', 'serial', 'firmware', 'ip', 'connections']);

/** A broad search sorts at most this many matches itself; past it the sort index is walked. */
export const BROAD_SEARCH_CAP = 10_000;

export class DeviceRepository {
  constructor(private readonly db: Db) {}

  /** Devices past the plan are Overflowed, newest first; returns whether any flag changed. */
  async applyPlan(orgId: string, maxDevices: number | null): Promise<boolean> {
    const result = await this.db.execute(sql`
      WITH ranked AS (
        SELECT id, row_number() OVER (ORDER BY created_at, agent_device_id) AS n FROM devices WHERE org_id = ${orgId} AND kind = 'pro-audio'
      )
      UPDATE device_state s SET overflowed = (${maxDevices}::int IS NOT NULL AND r.n > ${maxDevices}::int)
      FROM ranked r WHERE s.device_id = r.id AND s.overflowed IS DISTINCT FROM (${maxDevices}::int IS NOT NULL AND r.n > ${maxDevices}::int)
      RETURNING s.device_id`);
    return rowsOf(result).length > 0;
  }

  /** An organization's devices move to another roll-up (a client attached to or released by a support organization). */
  async moveRollup(orgId: string, rollupOrgId: string): Promise<void> {
    await this.db.execute(sql`UPDATE devices SET rollup_org_id = ${rollupOrgId} WHERE org_id = ${orgId}`);
    await this.db.execute(
      sql`UPDATE device_state SET rollup_org_id = ${rollupOrgId} WHERE org_id = ${orgId}`,
    );
  }

  async countByServer(serverId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(devices)
      .where(eq(devices.serverId, serverId));
    return row?.n ?? 0;
  }

  async proAudioCount(orgId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(devices)
      .where(and(eq(devices.orgId, orgId), eq(devices.kind, 'pro-audio')));
    return row?.n ?? 0;
  }

  async byId(orgId: string, id: string): Promise<DeviceRecord | undefined> {
    const [row] = await this.db
      .select({ ...deviceColumns, ...stateColumns })
      .from(devices)
      .innerJoin(deviceState, eq(deviceState.deviceId, devices.id))
      .where(and(eq(devices.orgId, orgId), eq(devices.id, id)));
    return row;
  }

  /** The organization of a device when it is in the scope (a roll-up: the support organization's or a client's). */
  async orgOfInScope(scope: OrgScope, id: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ orgId: devices.orgId })
      .from(devices)
      .where(and(eq(devices.id, id), inOrgScope(devices.orgId, scope)));
    return row?.orgId;
  }

  async history(deviceId: string, limit: number): Promise<(typeof deviceStatusHistory.$inferSelect)[]> {
    return this.db
      .select()
      .from(deviceStatusHistory)
      .where(eq(deviceStatusHistory.deviceId, deviceId))
      .orderBy(desc(deviceStatusHistory.since), desc(deviceStatusHistory.id))
      .limit(limit);
  }

  /** Assigns devices to a location (or none), on both halves of each device, in one statement. */
  async setLocation(orgId: string, ids: string[], locationId: string | null): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.db.execute(sql`
      WITH d AS (
        UPDATE devices SET location_id = ${locationId}::uuid WHERE org_id = ${orgId} AND id = ANY(${sql.param(ids)}::uuid[]) RETURNING id
      )
      UPDATE device_state s SET location_id = ${locationId}::uuid FROM d WHERE s.device_id = d.id RETURNING s.device_id`);
    return rowsOf(result).length;
  }

  /**
   * The effective status: Overflowed overrides what the agent reports. Written exactly as the
   * expression of `device_state_org_effective_idx`, which serves sorting and filtering on it (so
   * 'Overflowed', protocol's `overflowedStatus`, is a literal here; device-groups.test.ts checks it).
   */
  static effectiveStatus = sql<string>`CASE WHEN ${deviceState.overflowed} THEN 'Overflowed' ELSE ${deviceState.status} END`;

  /**
   * A page of the list. The total is counted unless known (the first page counts, later pages
   * carry it in their cursor); a search counts at most SEARCH_COUNT_CAP + 1 matches. A search with fewer matches than that selects them
   * first and sorts them after, instead of walking a sort index and filtering every row.
   */
  async list(
    scope: OrgScope,
    filter: DeviceListFilter,
    page: {
      sort: string;
      order: 'asc' | 'desc';
      limit: number;
      after?: { value: string | number | null; id: string } | undefined;
      /** The total when the caller knows it already (a later page, or the dashboard counts). */
      knownTotal?: number | undefined;
    },
  ): Promise<{
    rows: (DeviceRecord & {
      locationName: string | null;
      orgName: string;
      sortKey: string;
      effective: string;
    })[];
    total: number;
    capped: boolean;
  }> {
    const status = DeviceRepository.effectiveStatus;
    const sortColumn: Record<string, SQL> = {
      status: sql`${status}`,
      since: sql`device_state.status_since`,
      model: sql`devices.model`,
      name: sql`lower(devices.name)`,
      serial: sql`devices.serial`,
      firmware: sql`devices.firmware`,
      ip: sql`devices.ip`,
      connections: sql`devices.path::text`,
      location: sql`coalesce(lower(locations.name), '')`,
    };
    const key = sortColumn[page.sort] ?? sql`lower(devices.name)`;
    // Fields are joined by line breaks in `search_text`: control characters in a term are spaces.
    const term = filter.search
      ?.replace(/\p{Cc}/gu, ' ')
      .trim()
      .toLowerCase();
    const like = term ? `%${escapeLike(term)}%` : undefined;
    // Conditions on each half of a device.
    const onState = [
      filter.status ? sql`${status} = ${filter.status}` : undefined,
      filter.group ? inGroup(status, filter.group) : undefined,
      filter.locationId ? sql`device_state.location_id = ${filter.locationId}` : undefined,
      filter.kind ? sql`device_state.kind = ${filter.kind}` : undefined,
      filter.orgId ? sql`device_state.org_id = ${filter.orgId}` : undefined,
    ].filter((c) => c !== undefined);
    const onDevice = [
      like ? sql`devices.search_text LIKE ${like}` : undefined,
      filter.model ? sql`devices.model = ${filter.model}` : undefined,
      filter.ip ? sql`devices.ip = ${filter.ip}` : undefined,
      filter.serverId ? sql`devices.server_id = ${filter.serverId}` : undefined,
      filter.olderThan ? olderThan(filter.olderThan) : undefined,
    ].filter((c) => c !== undefined);
    const where = and(inScope('devices', scope), inScope('device_state', scope), ...onState, ...onDevice);
    const from = sql`devices JOIN device_state ON device_state.device_id = devices.id LEFT JOIN locations ON locations.id = devices.location_id`;
    let total = page.knownTotal;
    if (total === undefined) {
      // Counted on one table when the filters allow: every device has exactly one state row.
      const countedIn =
        onDevice.length === 0
          ? sql`device_state WHERE ${and(inScope('device_state', scope), ...onState)}`
          : onState.length === 0
            ? sql`devices WHERE ${and(inScope('devices', scope), ...onDevice)}`
            : sql`${from} WHERE ${where}`;
      const counted = like
        ? sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${countedIn} LIMIT ${SEARCH_COUNT_CAP + 1}) m`
        : sql`SELECT count(*)::int AS n FROM ${countedIn}`;
      total = rowsOf<{ n: number }>(await this.db.execute(counted))[0]?.n ?? 0;
    }
    // A LIMIT in the subquery keeps the planner from merging it: the matches are found first.
    const filterFirst = like !== undefined && total <= SEARCH_COUNT_CAP;
    const dir = page.order === 'asc' ? sql`ASC` : sql`DESC`;
    const cmp = page.order === 'asc' ? sql`>` : sql`<`;
    const after = (t: SQL) =>
      page.after
        ? sql`WHERE (${t}.k ${cmp} ${page.after.value} OR (${t}.k = ${page.after.value} AND ${t}.id ${cmp} ${page.after.id}))`
        : sql``;
    // The same bound inside, loosened to the sort key alone: the index walk starts at the cursor
    // instead of reading (and dropping) every row before it — a page deep in the list costs what
    // the first one does.
    const fromCursor = page.after
      ? sql` AND ${key} ${page.order === 'asc' ? sql`>=` : sql`<=`} ${page.after.value}`
      : sql``;
    const deviceFields = sql`devices.id, devices.org_id AS "orgId", devices.rollup_org_id AS "rollupOrgId", devices.server_id AS "serverId", devices.agent_device_id AS "agentDeviceId",
      devices.family, devices.kind, devices.model, devices.serial, devices.firmware, devices.name, devices.ip,
      devices.parent_agent_id AS "parentAgentId", devices.path, devices.location_id AS "locationId", devices.created_at AS "createdAt"`;
    const stateFields = sql`device_state.status, device_state.status_since AS "statusSince", device_state.overflowed, device_state.last_seen_at AS "lastSeenAt",
      locations.name AS "locationName", ${status} AS effective`;
    // A broad search (more matches than the count's cap) filtered and sorted on the device half
    // alone: its matches, up to BROAD_SEARCH_CAP, are found through the trigram index and sorted,
    // and only the page's rows are joined to their state. Walking the sort index instead reads
    // every row before the matches in sort order (30,000 for one site's name at 100,000 devices).
    // Past the cap, or for an empty page (the cap may have cut it), the walk below answers.
    if (
      like !== undefined &&
      total > SEARCH_COUNT_CAP &&
      onState.length === 0 &&
      deviceSortKeys.has(page.sort)
    ) {
      const found = rowsOf<Raw & { k?: unknown; matched: number | string }>(
        await this.db.execute(sql`
          SELECT m.*, ${stateFields}, organizations.name AS "orgName" FROM (
            SELECT c.* FROM (
              SELECT ${deviceFields}, ${key} AS k, (${key})::text AS "sortKey", count(*) OVER () AS matched
              FROM (SELECT * FROM devices WHERE ${and(inScope('devices', scope), ...onDevice)}${fromCursor} LIMIT ${BROAD_SEARCH_CAP + 1}) devices
            ) c ${after(sql`c`)}
            ORDER BY c.k ${dir}, c.id ${dir} LIMIT ${page.limit + 1}
          ) m
          JOIN device_state ON device_state.device_id = m.id AND ${inScope('device_state', scope)}
          LEFT JOIN locations ON locations.id = m."locationId"
          JOIN organizations ON organizations.id = m."orgId"
          ORDER BY m.k ${dir}, m.id ${dir}`),
      );
      if (found.length > 0 && Number(found[0]?.matched) <= BROAD_SEARCH_CAP)
        return { rows: found.map(({ matched: _m, ...r }) => record(r)), total, capped: true };
    }
    // The organization's name is looked up for the page's rows only, after sorting and limiting.
    const result = await this.db.execute(sql`
      SELECT m.*, organizations.name AS "orgName" FROM (
        SELECT ${deviceFields}, ${stateFields}, ${key} AS k, (${key})::text AS "sortKey"
        FROM ${from} WHERE ${where}${fromCursor}
        ${filterFirst ? sql`LIMIT ${SEARCH_COUNT_CAP + 1}` : sql``}
      ) m JOIN organizations ON organizations.id = m."orgId" ${after(sql`m`)}
      ORDER BY m.k ${dir}, m.id ${dir} LIMIT ${page.limit + 1}`);
    const rows = rowsOf<Raw & { k?: unknown }>(result).map(record);
    return { rows, total, capped: like !== undefined && total > SEARCH_COUNT_CAP };
  }

  /**
   * Counts for dashboards, summed from the counts the database keeps as devices change
   * (`device_status_counts`, `device_model_counts`: a few rows per organization and key, whatever
   * its size): by effective status, location and organization in one pass, by model in another.
   */
  async summary(scope: OrgScope): Promise<DeviceSummaryCounts> {
    const c = scope.rollup ? sql`rollup_org_id` : sql`org_id`;
    const byState = await this.db.execute(sql`
      SELECT GROUPING(status, location_id, org_id)::int AS g, status, location_id AS "locationId", org_id AS "orgId",
        sum(n)::int AS n,
        coalesce(sum(n) FILTER (WHERE ${inGroup(sql`status`, 'down')}), 0)::int AS down,
        coalesce(sum(n) FILTER (WHERE ${inGroup(sql`status`, 'issues')}), 0)::int AS issues
      FROM device_status_counts WHERE ${c} = ${scope.orgId}
      GROUP BY GROUPING SETS ((status), (location_id), (org_id)) HAVING sum(n) <> 0`);
    type Row = {
      g: number;
      status: string;
      locationId: string | null;
      orgId: string;
      n: number;
      down: number;
      issues: number;
    };
    const rows = rowsOf<Row>(byState);
    const byModel = rowsOf<{ model: string; kind: string; n: number }>(
      await this.db.execute(sql`
        SELECT model, kind, sum(n)::int AS n FROM device_model_counts WHERE ${c} = ${scope.orgId}
        GROUP BY model, kind HAVING sum(n) <> 0 ORDER BY sum(n) DESC, model, kind`),
    );
    // GROUPING() sets a bit for each column a row is not grouped by (status 0b100, location 0b010,
    // organization 0b001): by status is 0b011, by location 0b101, by organization 0b110.
    const counts = (r: Row) => ({ n: r.n, down: r.down, issues: r.issues });
    return {
      byStatus: rows.filter((r) => r.g === 0b011).map((r) => ({ status: r.status, n: r.n })),
      byModel,
      byLocation: rows.filter((r) => r.g === 0b101).map((r) => ({ locationId: r.locationId, ...counts(r) })),
      // A roll-up's counts per organization (one row for one organization's).
      byOrg: scope.rollup
        ? rows.filter((r) => r.g === 0b110).map((r) => ({ orgId: r.orgId, ...counts(r) }))
        : [],
    };
  }

  /**
   * Devices of the scope, of one kind or all, from the kept counts (a list's total without a count).
   */
  async total(scope: OrgScope, kind?: 'pro-audio' | 'video'): Promise<number> {
    const c = scope.rollup ? sql`rollup_org_id` : sql`org_id`;
    const result = await this.db.execute(sql`
      SELECT coalesce(sum(n), 0)::int AS n FROM device_model_counts
      WHERE ${c} = ${scope.orgId}${kind ? sql` AND kind = ${kind}` : sql``}`);
    return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
  }

  /**
   * Folds each key's rows of the kept counts into one (the triggers append a row per key and
   * statement), so a summary reads a few rows per organization; keys that net to 0 go. One
   * statement per table: a summary reads the rows before or after it, the same sums. Rows a writer
   * has not committed yet stay for the next fold. One hub at a time (a hub that finds another
   * folding skips); returns the rows folded away.
   */
  async foldCounts(): Promise<number> {
    let folded = 0;
    for (const t of keptCounts) {
      const key = sql.raw(t.key.join(', '));
      const sameKey = sql.raw(
        t.key
          .map((k) => (k === t.nullable ? `c.${k} IS NOT DISTINCT FROM f.${k}` : `c.${k} = f.${k}`))
          .join(' AND '),
      );
      const result = await this.db.execute(sql`
        WITH f AS (
          SELECT DISTINCT ${key} FROM ${sql.raw(t.table)}
          WHERE NOT folded AND (SELECT pg_try_advisory_xact_lock(${FOLD_LOCK_KEY}))
        ),
        moved AS (
          DELETE FROM ${sql.raw(t.table)} c USING f WHERE ${sameKey} RETURNING ${sql.raw(t.key.map((k) => `c.${k}`).join(', '))}, c.n
        ),
        kept AS (
          INSERT INTO ${sql.raw(t.table)} (${key}, n, folded)
          SELECT ${key}, sum(n), true FROM moved GROUP BY ${key} HAVING sum(n) <> 0 RETURNING 1
        )
        SELECT ((SELECT count(*) FROM moved) - (SELECT count(*) FROM kept))::int AS n`);
      folded += rowsOf<{ n: number }>(result)[0]?.n ?? 0;
    }
    return folded;
  }

  /**
   * Vacuums the kept counts: every fold deletes and inserts rows, and PGlite has no autovacuum
   * (on PostgreSQL this only runs ahead of it). Small tables: a few milliseconds.
   */
  async vacuumCounts(): Promise<void> {
    await this.db.execute(sql`VACUUM device_status_counts, device_model_counts`);
  }

  /**
   * Recounts every organization's devices and corrects the kept counts that differ (they never
   * should: the triggers of migration 0029 keep them in each writer's transaction; a restore with
   * triggers off, or a bug, would). Returns the organizations whose counts were wrong. The recount
   * and the kept counts are read in one snapshot and the difference is appended as a row, so
   * writers and folds committing meanwhile stay counted; one hub at a time (an advisory lock: two
   * at once would correct twice; a hub that finds it taken returns []).
   */
  async reconcileCounts(): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const lock = await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${RECONCILE_LOCK_KEY}) AS ok`);
      if (rowsOf<{ ok: boolean }>(lock)[0]?.ok !== true) return [];
      const wrong = new Set<string>();
      for (const t of keptCounts) {
        const key = sql.raw(t.key.join(', '));
        // By position: in the recount, `status` is also the raw column the effective one comes from.
        const positions = sql.raw(t.key.map((_, i) => String(i + 1)).join(', '));
        const result = await tx.execute(sql`
          INSERT INTO ${sql.raw(t.table)} (${key}, n)
          SELECT ${key}, sum(n) FROM (
            SELECT ${sql.raw(t.counted)}, count(*)::int AS n FROM ${sql.raw(t.source)} GROUP BY ${positions}
            UNION ALL
            SELECT ${key}, -n FROM ${sql.raw(t.table)}
          ) x GROUP BY ${key} HAVING sum(n) <> 0
          RETURNING org_id AS "orgId"`);
        for (const r of rowsOf<{ orgId: string }>(result)) wrong.add(r.orgId);
      }
      return [...wrong];
    });
  }
}

/** Devices by effective status across every organization (for /metrics: no tenant in the labels), from the kept counts. */
export async function deviceCountsByStatus(db: Db): Promise<StatusCount[]> {
  return rowsOf<StatusCount>(
    await db.execute(
      sql`SELECT status, sum(n)::int AS n FROM device_status_counts GROUP BY status HAVING sum(n) <> 0`,
    ),
  );
}
