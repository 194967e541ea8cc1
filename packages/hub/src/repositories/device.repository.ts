import { and, asc, desc, eq, gt, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { LinkChange, LinkDevice } from '@crosspoint/protocol';
import type { Db } from '../db/open-database.ts';
import { deviceStatusHistory, devices, locations } from '../db/schema/index.ts';
import { escapeLike } from './organization.repository.ts';
import { rowsOf } from './raw-rows.ts';

export type DeviceRecord = typeof devices.$inferSelect;


const kindOf = (family: string): 'pro-audio' | 'video' => (/video|collaborate|codec/i.test(family) ? 'video' : 'pro-audio');

export interface DeviceListFilter {
  search?: string | undefined;
  status?: string | undefined;
  group?: 'down' | 'issues' | 'healthy' | undefined;
  model?: string | undefined;
  serverId?: string | undefined;
  locationId?: string | undefined;
  kind?: 'pro-audio' | 'video' | undefined;
}

export interface StatusCount {
  status: string;
  n: number;
}

/** Rows of a VALUES list, for one-statement batches. */
const values = (rows: SQL[]): SQL => sql.join(rows, sql`, `);

export class DeviceRepository {
  constructor(private readonly db: Db) {}

  /**
   * A full inventory from an agent: new devices are added, known ones updated, and devices this
   * server had that the agent no longer reports are marked Down (kept, never deleted).
   * Returns how many statuses changed.
   */
  async applyInventory(orgId: string, serverId: string, list: LinkDevice[], observedAt: Date): Promise<number> {
    return this.db.transaction(async (tx) => {
      let changed = 0;
      for (let i = 0; i < list.length; i += 500) {
        changed += await upsertDevices(tx, orgId, serverId, list.slice(i, i + 500), observedAt);
      }
      const reported = list.map((d) => d.id);
      const gone = await tx
        .update(devices)
        .set({ status: 'Down', statusSince: observedAt })
        .where(
          and(
            eq(devices.orgId, orgId),
            eq(devices.serverId, serverId),
            sql`${devices.status} <> 'Down'`,
            reported.length ? sql`${devices.agentDeviceId} NOT IN (${sql.join(reported.map((r) => sql`${r}`), sql`, `)})` : undefined,
          ),
        )
        .returning({ id: devices.id });
      if (gone.length) {
        await tx.insert(deviceStatusHistory).values(gone.map((g) => ({ deviceId: g.id, status: 'Down', since: observedAt, observedAt })));
      }
      return changed + gone.length;
    });
  }

  /**
   * Status changes from an agent, in the order observed; a change carrying the whole device (a new
   * one) is upserted under `serverId`. Returns the changes that altered a status.
   */
  async applyChanges(orgId: string, serverId: string, changes: LinkChange[], observedAt: Date): Promise<number> {
    return this.db.transaction(async (tx) => {
      const db = tx as unknown as Db;
      const withDevice = changes.filter((c) => c.device).map((c) => ({ ...(c.device as LinkDevice), status: c.status, since: c.since }));
      let changed = withDevice.length ? await upsertDevices(db, orgId, serverId, withDevice, observedAt) : 0;
      const plain = changes.filter((c) => !c.device);
      if (plain.length === 0) return changed;
      // The last change of each device wins for its current status; every change goes to history.
      const last = new Map<string, LinkChange>();
      for (const c of plain) last.set(c.id, c);
      const current = [...last.values()];
      const updated = await db.execute(sql`
        UPDATE devices d SET status = v.status, status_since = to_timestamp(v.since / 1000.0), last_seen_at = ${observedAt}
        FROM (VALUES ${values(current.map((c) => sql`(${c.id}, ${c.status}, ${c.since}::float8)`))}) AS v(agent_id, status, since)
        WHERE d.org_id = ${orgId} AND d.agent_device_id = v.agent_id
        RETURNING d.id, d.agent_device_id`);
      const ids = new Map((rowsOf<{ id: string; agent_device_id: string }>(updated)).map((r) => [r.agent_device_id, r.id]));
      const history = plain.filter((c) => ids.has(c.id));
      if (history.length) {
        await db.insert(deviceStatusHistory).values(
          history.map((c) => ({ deviceId: ids.get(c.id) ?? '', status: c.status, since: new Date(c.since), observedAt: new Date(c.at) })),
        );
      }
      changed += history.length;
      return changed;
    });
  }

  /** Devices past the plan are Overflowed, newest first; returns whether any flag changed. */
  async applyPlan(orgId: string, maxDevices: number | null): Promise<boolean> {
    const result = await this.db.execute(sql`
      WITH ranked AS (
        SELECT id, row_number() OVER (ORDER BY created_at, agent_device_id) AS n FROM devices WHERE org_id = ${orgId} AND kind = 'pro-audio'
      )
      UPDATE devices d SET overflowed = (${maxDevices}::int IS NOT NULL AND r.n > ${maxDevices}::int)
      FROM ranked r WHERE d.id = r.id AND d.overflowed IS DISTINCT FROM (${maxDevices}::int IS NOT NULL AND r.n > ${maxDevices}::int)
      RETURNING d.id`);
    return rowsOf(result).length > 0;
  }

  async countByServer(serverId: string): Promise<number> {
    const [row] = await this.db.select({ n: sql<number>`count(*)::int` }).from(devices).where(eq(devices.serverId, serverId));
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
      .select()
      .from(devices)
      .where(and(eq(devices.orgId, orgId), eq(devices.id, id)));
    return row;
  }

  async history(deviceId: string, limit: number): Promise<(typeof deviceStatusHistory.$inferSelect)[]> {
    return this.db
      .select()
      .from(deviceStatusHistory)
      .where(eq(deviceStatusHistory.deviceId, deviceId))
      .orderBy(desc(deviceStatusHistory.since), desc(deviceStatusHistory.id))
      .limit(limit);
  }

  async setLocation(orgId: string, ids: string[], locationId: string | null): Promise<number> {
    if (ids.length === 0) return 0;
    const rows = await this.db
      .update(devices)
      .set({ locationId })
      .where(and(eq(devices.orgId, orgId), inArray(devices.id, ids)))
      .returning({ id: devices.id });
    return rows.length;
  }

  /** The effective status: Overflowed overrides what the agent reports. */
  static effectiveStatus = sql<string>`CASE WHEN ${devices.overflowed} THEN 'Overflowed' ELSE ${devices.status} END`;

  async list(
    orgId: string,
    filter: DeviceListFilter,
    page: { sort: string; order: 'asc' | 'desc'; limit: number; after?: { value: string | number | null; id: string } | undefined },
  ): Promise<{ rows: (DeviceRecord & { locationName: string | null; sortKey: string; effective: string })[]; total: number }> {
    const status = DeviceRepository.effectiveStatus;
    const sortColumn: Record<string, SQL> = {
      status: sql`${status}`,
      since: sql`${devices.statusSince}`,
      model: sql`${devices.model}`,
      name: sql`lower(${devices.name})`,
      serial: sql`${devices.serial}`,
      firmware: sql`${devices.firmware}`,
      ip: sql`${devices.ip}`,
      connections: sql`${devices.path}::text`,
      location: sql`coalesce(lower(${locations.name}), '')`,
    };
    const key = sortColumn[page.sort] ?? sql`lower(${devices.name})`;
    const like = filter.search ? `%${escapeLike(filter.search)}%` : undefined;
    // Dashboard groups as protocol's statusGroup: Down, Healthy, everything else an issue.
    const down = sql`(${status}) = 'Down'`;
    const where = and(
      eq(devices.orgId, orgId),
      like
        ? or(ilike(devices.name, like), ilike(devices.serial, like), ilike(devices.model, like), ilike(devices.ip, like), ilike(devices.firmware, like), sql`${devices.path}::text ILIKE ${like}`)
        : undefined,
      filter.status ? sql`${status} = ${filter.status}` : undefined,
      filter.group === 'down' ? down : undefined,
      filter.group === 'healthy' ? sql`${status} = 'Healthy'` : undefined,
      filter.group === 'issues' ? sql`NOT ${down} AND ${status} <> 'Healthy'` : undefined,
      filter.model ? eq(devices.model, filter.model) : undefined,
      filter.serverId ? eq(devices.serverId, filter.serverId) : undefined,
      filter.locationId ? eq(devices.locationId, filter.locationId) : undefined,
      filter.kind ? eq(devices.kind, filter.kind) : undefined,
    );
    const [totalRow] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(devices)
      .leftJoin(locations, eq(locations.id, devices.locationId))
      .where(where);
    const cmp = page.order === 'asc' ? gt : lt;
    const after = page.after ? or(cmp(key, page.after.value), and(sql`${key} = ${page.after.value}`, cmp(devices.id, page.after.id))) : undefined;
    const dir = page.order === 'asc' ? asc : desc;
    const rows = await this.db
      .select({ d: devices, locationName: locations.name, sortKey: sql<string>`(${key})::text`, effective: status })
      .from(devices)
      .leftJoin(locations, eq(locations.id, devices.locationId))
      .where(and(where, after))
      .orderBy(dir(key), dir(devices.id))
      .limit(page.limit + 1);
    return { rows: rows.map((r) => ({ ...r.d, locationName: r.locationName, sortKey: r.sortKey, effective: r.effective })), total: totalRow?.n ?? 0 };
  }

  /** Counts for dashboards: by effective status, by model, by location. */
  async summary(orgId: string): Promise<{ byStatus: StatusCount[]; byModel: { model: string; kind: string; n: number }[]; byLocation: { locationId: string | null; n: number; down: number; issues: number }[] }> {
    const status = DeviceRepository.effectiveStatus;
    const byStatus = await this.db
      .select({ status: sql<string>`${status}`, n: sql<number>`count(*)::int` })
      .from(devices)
      .where(eq(devices.orgId, orgId))
      .groupBy(sql`1`);
    const byModel = await this.db
      .select({ model: devices.model, kind: devices.kind, n: sql<number>`count(*)::int` })
      .from(devices)
      .where(eq(devices.orgId, orgId))
      .groupBy(devices.model, devices.kind)
      .orderBy(desc(sql`count(*)`));
    const byLocation = await this.db
      .select({
        locationId: devices.locationId,
        n: sql<number>`count(*)::int`,
        down: sql<number>`(count(*) FILTER (WHERE (${status}) = 'Down'))::int`,
        issues: sql<number>`(count(*) FILTER (WHERE (${status}) NOT IN ('Down', 'Healthy')))::int`,
      })
      .from(devices)
      .where(eq(devices.orgId, orgId))
      .groupBy(devices.locationId);
    return { byStatus, byModel, byLocation };
  }
}

async function upsertDevices(db: Db, orgId: string, serverId: string, list: LinkDevice[], observedAt: Date): Promise<number> {
  if (list.length === 0) return 0;
  const before = await db
    .select({ agentDeviceId: devices.agentDeviceId, status: devices.status })
    .from(devices)
    .where(and(eq(devices.orgId, orgId), inArray(devices.agentDeviceId, list.map((d) => d.id))));
  const previous = new Map(before.map((b) => [b.agentDeviceId, b.status]));
  const rows = await db
    .insert(devices)
    .values(
      list.map((d) => ({
        orgId,
        serverId,
        agentDeviceId: d.id,
        family: d.family,
        kind: kindOf(d.family),
        model: d.model,
        serial: d.serial,
        firmware: d.firmware,
        name: d.name,
        ip: d.ip,
        parentAgentId: d.parentId ?? null,
        path: d.path,
        status: d.status,
        statusSince: new Date(d.since),
        lastSeenAt: observedAt,
      })),
    )
    .onConflictDoUpdate({
      target: [devices.orgId, devices.agentDeviceId],
      set: {
        serverId,
        family: sql`excluded.family`,
        kind: sql`excluded.kind`,
        model: sql`excluded.model`,
        serial: sql`excluded.serial`,
        firmware: sql`excluded.firmware`,
        name: sql`excluded.name`,
        ip: sql`excluded.ip`,
        parentAgentId: sql`excluded.parent_agent_id`,
        path: sql`excluded.path`,
        status: sql`excluded.status`,
        statusSince: sql`excluded.status_since`,
        lastSeenAt: sql`excluded.last_seen_at`,
      },
    })
    .returning({ id: devices.id, agentDeviceId: devices.agentDeviceId, status: devices.status, since: devices.statusSince });
  const changed = rows.filter((r) => previous.get(r.agentDeviceId) !== r.status);
  if (changed.length) {
    await db.insert(deviceStatusHistory).values(changed.map((r) => ({ deviceId: r.id, status: r.status, since: r.since, observedAt })));
  }
  return changed.length;
}


/** Devices by effective status across every organization (for /metrics: no tenant in the labels). */
export async function deviceCountsByStatus(db: Db): Promise<StatusCount[]> {
  return db
    .select({ status: sql<string>`${DeviceRepository.effectiveStatus}`, n: sql<number>`count(*)::int` })
    .from(devices)
    .groupBy(sql`1`);
}
