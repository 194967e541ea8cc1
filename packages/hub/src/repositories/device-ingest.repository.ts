import { sql, type SQL } from 'drizzle-orm';
import type { LinkChange, LinkDevice } from '@crosspoint/protocol';
import type { Db } from '../db/open-database.ts';
import { rowsOf } from './raw-rows.ts';

/** Video endpoints (codecs, collaborate rooms) are listed apart from the pro-audio boxes. */
export const kindOf = (family: string): 'pro-audio' | 'video' =>
  /video|collaborate|codec/i.test(family) ? 'video' : 'pro-audio';

/** Rows per statement of an inventory; arrays keep it to a dozen bound parameters whatever the size. */
const INVENTORY_CHUNK = 5_000;

/** One array parameter (drizzle would otherwise expand a JS array into a list of parameters). */
const arr = (values: readonly unknown[]): SQL => sql`${sql.param(values)}`;

/** A device or change PostgreSQL refused to store, and what it said. */
export interface RefusedItem {
  id: string;
  reason: string;
}

export interface IngestOptions {
  /** Devices the agent reported but the hub refused: present, so not marked Down by an inventory. */
  keepIds?: readonly string[];
  /** Filled with the items PostgreSQL refused (the rest of the frame is stored). */
  refused?: RefusedItem[];
}

/**
 * PostgreSQL refused the data itself (SQLSTATE classes 21 cardinality, 22 data exception, 23
 * integrity, 54 program limit), whichever driver reported it: the same frame would fail again.
 */
export function isDataError(e: unknown): boolean {
  for (let err: unknown = e, depth = 0; err && depth < 4; err = (err as { cause?: unknown }).cause, depth++) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && /^(21|22|23|54)[0-9A-Z]{3}$/.test(code)) return true;
  }
  return false;
}

/** The last report of each device id (an upsert may touch a row only once per statement). */
function lastById<T extends { id: string }>(list: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const d of list) {
    byId.delete(d.id);
    byId.set(d.id, d);
  }
  return byId.size === list.length ? [...list] : [...byId.values()];
}

/**
 * Runs `write` for all `items` at once; when PostgreSQL refuses the data, item by item (each in a
 * savepoint), leaving out and listing the ones it refuses, so one unstorable device never blocks
 * a frame (and the agent's link) for ever.
 */
async function storeOrRefuse<T extends { id: string }>(
  db: Db,
  careful: boolean,
  items: readonly T[],
  write: (db: Db, items: T[]) => Promise<number>,
  refused: RefusedItem[] | undefined,
): Promise<number> {
  if (!careful) return write(db, [...items]);
  let stored = 0;
  for (const item of items) {
    try {
      stored += await db.transaction((sp) => write(sp as unknown as Db, [item]));
    } catch (e) {
      if (!isDataError(e)) throw e;
      refused?.push({
        id: item.id,
        reason: e instanceof Error ? e.message.slice(0, 200) : 'refused by the database',
      });
    }
  }
  return stored;
}

/** `apply` once as is, and again carefully (item by item) if PostgreSQL refused some of the data. */
async function withCarefulRetry<T>(apply: (careful: boolean) => Promise<T>): Promise<T> {
  try {
    return await apply(false);
  } catch (e) {
    if (!isDataError(e)) throw e;
    return apply(true);
  }
}

/**
 * What agents' frames write: inventories and status changes, each applied together with the
 * frame's sequence number. A frame whose number is not above the agent's `last_seq` is a replay
 * and changes nothing; applying the frame and advancing `last_seq` commit together, so a crash in
 * between neither loses the frame nor applies it twice.
 *
 * Every statement takes the frame as arrays (`unnest`): a fixed, small number of parameters per
 * frame, one round trip for a frame of plain changes.
 */
export class DeviceIngestRepository {
  constructor(private readonly db: Db) {}

  /**
   * A full inventory: new devices are added, known ones updated (only when something changed),
   * and devices of this server the agent no longer reports are marked Down (kept, never deleted).
   * Returns how many statuses changed, or null for a replayed frame.
   */
  async applyInventory(
    orgId: string,
    serverId: string,
    seq: number,
    list: LinkDevice[],
    observedAt: Date,
    options: IngestOptions = {},
  ): Promise<number | null> {
    const devices = lastById(list);
    const present = [...devices.map((d) => d.id), ...(options.keepIds ?? [])];
    const upsert = (db: Db, items: LinkDevice[]) => upsertDevices(db, orgId, serverId, items, observedAt);
    return withCarefulRetry((careful) =>
      this.db.transaction(async (tx) => {
        const db = tx as unknown as Db;
        if (!(await claimSeq(db, orgId, serverId, seq))) return null;
        let changed = 0;
        for (let i = 0; i < devices.length; i += INVENTORY_CHUNK) {
          changed += await storeOrRefuse(
            db,
            careful,
            devices.slice(i, i + INVENTORY_CHUNK),
            upsert,
            options.refused,
          );
        }
        const gone = await db.execute(sql`
        WITH g AS (
          UPDATE device_state s SET status = 'Down', status_since = ${observedAt}
          FROM devices d
          WHERE d.id = s.device_id AND d.org_id = ${orgId} AND d.server_id = ${serverId} AND s.status <> 'Down'
            AND NOT (d.agent_device_id = ANY(${arr(present)}::text[]))
          RETURNING s.device_id
        ), h AS (
          INSERT INTO device_status_history (device_id, status, since, observed_at)
          SELECT device_id, 'Down', ${observedAt}, ${observedAt} FROM g RETURNING 1
        )
        SELECT count(*)::int AS n FROM h`);
        return changed + (rowsOf<{ n: number }>(gone)[0]?.n ?? 0);
      }),
    );
  }

  /**
   * Status changes in the order observed; a change carrying the whole device (a new one) is
   * upserted under `serverId`. Every change goes to history, the last one of each device is its
   * current status. Returns how many changes were stored, or null for a replayed frame.
   */
  async applyChanges(
    orgId: string,
    serverId: string,
    seq: number,
    changes: LinkChange[],
    observedAt: Date,
    options: IngestOptions = {},
  ): Promise<number | null> {
    const carried = changes.filter((c) => c.device);
    const plain = changes.filter((c) => !c.device);
    const devices = lastById(
      carried.map((c) => ({ ...(c.device as LinkDevice), status: c.status, since: c.since })),
    );
    const upsert = (db: Db, items: LinkDevice[]) => upsertDevices(db, orgId, serverId, items, observedAt);
    const applyPlain = async (db: Db, items: LinkChange[]) =>
      (await applyPlainChanges(db, orgId, serverId, null, items, observedAt)) ?? 0;
    return withCarefulRetry(async (careful) => {
      // The common frame, plain changes only: one statement that also claims `seq`.
      if (carried.length === 0 && !careful)
        return applyPlainChanges(this.db, orgId, serverId, seq, changes, observedAt);
      return this.db.transaction(async (tx) => {
        const db = tx as unknown as Db;
        if (!(await claimSeq(db, orgId, serverId, seq))) return null;
        const changed = devices.length
          ? await storeOrRefuse(db, careful, devices, upsert, options.refused)
          : 0;
        return (
          changed + (plain.length ? await storeOrRefuse(db, careful, plain, applyPlain, options.refused) : 0)
        );
      });
    });
  }
}

/** Advances the agent's `last_seq` to `seq`; false when `seq` was already stored (a replay). */
async function claimSeq(db: Db, orgId: string, serverId: string, seq: number): Promise<boolean> {
  const result = await db.execute(sql`
    UPDATE agent_accounts SET last_seq = ${seq} WHERE id = ${serverId} AND org_id = ${orgId} AND last_seq < ${seq} RETURNING 1`);
  return rowsOf(result).length > 0;
}

/**
 * Plain status changes in one statement (atomic on its own, so no transaction round trips). With
 * a `seq` the statement also claims it, and changes nothing when the frame is a replay.
 */
async function applyPlainChanges(
  db: Db,
  orgId: string,
  serverId: string,
  seq: number | null,
  changes: LinkChange[],
  observedAt: Date,
): Promise<number | null> {
  const claim =
    seq === null
      ? sql`SELECT 1 AS ok`
      : sql`UPDATE agent_accounts SET last_seq = ${seq} WHERE id = ${serverId} AND org_id = ${orgId} AND last_seq < ${seq} RETURNING 1 AS ok`;
  const result = await db.execute(sql`
    WITH claim AS (${claim}),
    v AS (
      SELECT d.id AS device_id, v.status, v.since, v.at, v.n
      FROM unnest(${arr(changes.map((c) => c.id))}::text[], ${arr(changes.map((c) => c.status))}::text[],
                  ${arr(changes.map((c) => c.since))}::float8[], ${arr(changes.map((c) => c.at))}::float8[])
           WITH ORDINALITY AS v(agent_id, status, since, at, n)
      JOIN devices d ON d.org_id = ${orgId} AND d.agent_device_id = v.agent_id
      WHERE EXISTS (SELECT 1 FROM claim)
    ),
    last AS (SELECT DISTINCT ON (device_id) device_id, status, since FROM v ORDER BY device_id, n DESC),
    u AS (
      UPDATE device_state s SET status = last.status, status_since = to_timestamp(last.since / 1000.0), last_seen_at = ${observedAt}
      FROM last WHERE s.device_id = last.device_id
      RETURNING 1
    ),
    h AS (
      INSERT INTO device_status_history (device_id, status, since, observed_at)
      SELECT device_id, status, to_timestamp(since / 1000.0), to_timestamp(at / 1000.0) FROM v ORDER BY n
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM claim)::int AS claimed, (SELECT count(*) FROM h)::int AS stored, (SELECT count(*) FROM u)::int AS updated`);
  const row = rowsOf<{ claimed: number; stored: number }>(result)[0];
  return row && row.claimed > 0 ? row.stored : null;
}

/** The organization whose roll-up includes an organization's devices (see `devices.rollup_org_id`). */
export const rollupOf = (orgId: string): SQL =>
  sql`SELECT CASE WHEN kind = 'client' AND parent_id IS NOT NULL THEN parent_id ELSE id END AS rollup FROM organizations WHERE id = ${orgId}`;

/**
 * Adds or updates devices and their state in one statement. A device row is rewritten only when
 * one of its facts changed (an inventory of known devices leaves `devices` and its indexes alone);
 * its state always takes the reported status. Returns how many statuses changed (history rows).
 */
async function upsertDevices(
  db: Db,
  orgId: string,
  serverId: string,
  list: LinkDevice[],
  observedAt: Date,
): Promise<number> {
  if (list.length === 0) return 0;
  const col = (f: (d: LinkDevice) => unknown): SQL => arr(list.map(f));
  const result = await db.execute(sql`
    WITH v AS (
      SELECT * FROM unnest(
        ${col((d) => d.id)}::text[], ${col((d) => d.family)}::text[], ${col((d) => kindOf(d.family))}::text[],
        ${col((d) => d.model)}::text[], ${col((d) => d.serial)}::text[], ${col((d) => d.firmware)}::text[],
        ${col((d) => d.name)}::text[], ${col((d) => d.ip)}::text[], ${col((d) => d.parentId ?? null)}::text[],
        ${col((d) => JSON.stringify(d.path))}::text[], ${col((d) => d.status)}::text[], ${col((d) => d.since)}::float8[])
        AS v(agent_id, family, kind, model, serial, firmware, name, ip, parent, path, status, since)
    ),
    r AS (${rollupOf(orgId)}),
    ins AS (
      INSERT INTO devices AS d (org_id, rollup_org_id, server_id, agent_device_id, family, kind, model, serial, firmware, name, ip, parent_agent_id, path)
      SELECT ${orgId}, r.rollup, ${serverId}, agent_id, family, kind, model, serial, firmware, name, ip, parent, path::jsonb FROM v CROSS JOIN r
      ON CONFLICT (org_id, agent_device_id) DO UPDATE SET
        server_id = excluded.server_id, family = excluded.family, kind = excluded.kind, model = excluded.model,
        serial = excluded.serial, firmware = excluded.firmware, name = excluded.name, ip = excluded.ip,
        parent_agent_id = excluded.parent_agent_id, path = excluded.path
      WHERE (d.server_id, d.family, d.kind, d.model, d.serial, d.firmware, d.name, d.ip, d.parent_agent_id, d.path)
        IS DISTINCT FROM (excluded.server_id, excluded.family, excluded.kind, excluded.model, excluded.serial,
                          excluded.firmware, excluded.name, excluded.ip, excluded.parent_agent_id, excluded.path)
      RETURNING d.id, d.agent_device_id
    ),
    -- Rows left alone by the upsert are not returned: take their ids from before the statement.
    ids AS (
      SELECT id, agent_device_id FROM ins
      UNION
      SELECT id, agent_device_id FROM devices WHERE org_id = ${orgId} AND agent_device_id = ANY(${col((d) => d.id)}::text[])
    ),
    prev AS (SELECT s.device_id, s.status FROM device_state s JOIN ids ON ids.id = s.device_id),
    st AS (
      INSERT INTO device_state AS s (device_id, org_id, rollup_org_id, kind, status, status_since, last_seen_at)
      SELECT ids.id, ${orgId}, r.rollup, v.kind, v.status, to_timestamp(v.since / 1000.0), ${observedAt} FROM v JOIN ids ON ids.agent_device_id = v.agent_id CROSS JOIN r
      ON CONFLICT (device_id) DO UPDATE SET kind = excluded.kind, status = excluded.status, status_since = excluded.status_since, last_seen_at = excluded.last_seen_at
      RETURNING s.device_id, s.status, s.status_since
    ),
    h AS (
      INSERT INTO device_status_history (device_id, status, since, observed_at)
      SELECT st.device_id, st.status, st.status_since, ${observedAt} FROM st LEFT JOIN prev ON prev.device_id = st.device_id
      WHERE prev.status IS DISTINCT FROM st.status
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM h`);
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}
