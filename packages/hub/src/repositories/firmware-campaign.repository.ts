import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { firmwareCampaigns, firmwareCampaignTargets, jobs } from '../db/schema/index.ts';
import { rowsOf } from './raw-rows.ts';

export type CampaignRecord = typeof firmwareCampaigns.$inferSelect;
export type CampaignTargetRecord = typeof firmwareCampaignTargets.$inferSelect;
export type TargetState = CampaignTargetRecord['state'];

/** A device a campaign may update, as the target filter finds it. */
export interface CandidateDevice {
  id: string;
  orgId: string;
  name: string;
  model: string;
  firmware: string;
  /** Devices behind it (its peripherals: P-Link expanders, mics). */
  peripherals: number;
}

/** A target with its device as it is now (the health gate reads it). */
export interface TargetWithDevice extends CampaignTargetRecord {
  deviceName: string;
  model: string;
  firmware: string;
  status: string;
  overflowed: boolean;
  peripherals: number;
  orgName: string;
}

export interface WaveCount {
  wave: number;
  state: TargetState;
  n: number;
}

/** What a target filter asks of devices (models as the devices report them, display names). */
export interface CandidateFilter {
  scopeOrgIds: string[];
  models: string[];
  versions?: string[] | undefined;
  locationId?: string | undefined;
}

const peripheralsOf = sql.raw(
  `(SELECT count(*)::int FROM devices p WHERE p.org_id = d.org_id AND p.parent_agent_id = d.agent_device_id)`,
);

/**
 * Firmware campaigns and their targets. Every change of a target's state is conditional on the
 * state it leaves, so two hubs (or a hub and itself after a restart) never move a device twice;
 * a hub works on a campaign while it holds the campaign's lease.
 */
export class FirmwareCampaignRepository {
  constructor(private readonly db: Db) {}

  /** Devices of these organizations of these models (and versions, under the location). */
  async candidates(f: CandidateFilter): Promise<CandidateDevice[]> {
    if (f.scopeOrgIds.length === 0 || f.models.length === 0) return [];
    const under = f.locationId
      ? sql`AND d.location_id IN (WITH RECURSIVE sub AS (
          SELECT id FROM locations WHERE id = ${f.locationId}
          UNION ALL SELECT l.id FROM locations l JOIN sub ON l.parent_id = sub.id) SELECT id FROM sub)`
      : sql``;
    const versions = f.versions?.length ? sql`AND d.firmware = ANY(${sql.param(f.versions)}::text[])` : sql``;
    const result = await this.db.execute(sql`
      SELECT d.id, d.org_id AS "orgId", d.name, d.model, d.firmware, ${peripheralsOf} AS peripherals
      FROM devices d
      WHERE d.org_id = ANY(${sql.param(f.scopeOrgIds)}::uuid[]) AND d.model = ANY(${sql.param(f.models)}::text[])
        ${versions} ${under}
      ORDER BY lower(d.name), d.id`);
    return rowsOf<CandidateDevice>(result);
  }

  async create(
    campaign: typeof firmwareCampaigns.$inferInsert,
    targets: Omit<typeof firmwareCampaignTargets.$inferInsert, 'campaignId'>[],
  ): Promise<CampaignRecord> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.insert(firmwareCampaigns).values(campaign).returning();
      if (!row) throw new Error('insert returned nothing');
      for (let i = 0; i < targets.length; i += 1000) {
        await tx
          .insert(firmwareCampaignTargets)
          .values(targets.slice(i, i + 1000).map((t) => ({ ...t, campaignId: row.id })));
      }
      return row;
    });
  }

  async byId(orgId: string, id: string): Promise<CampaignRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(firmwareCampaigns)
      .where(and(eq(firmwareCampaigns.orgId, orgId), eq(firmwareCampaigns.id, id)));
    return row;
  }

  async list(orgId: string, limit: number): Promise<CampaignRecord[]> {
    return this.db
      .select()
      .from(firmwareCampaigns)
      .where(eq(firmwareCampaigns.orgId, orgId))
      .orderBy(desc(firmwareCampaigns.createdAt))
      .limit(limit);
  }

  /** Changes a campaign's status only from one of `from` (false when it was not in one of them). */
  async setStatus(
    id: string,
    from: CampaignRecord['status'][],
    values: Partial<typeof firmwareCampaigns.$inferInsert>,
  ): Promise<CampaignRecord | undefined> {
    const [row] = await this.db
      .update(firmwareCampaigns)
      .set(values)
      .where(
        and(eq(firmwareCampaigns.id, id), sql`${firmwareCampaigns.status} = ANY(${sql.param(from)}::text[])`),
      )
      .returning();
    return row;
  }

  async advanceWave(id: string, from: number): Promise<boolean> {
    const rows = await this.db
      .update(firmwareCampaigns)
      .set({ currentWave: from + 1 })
      .where(
        and(
          eq(firmwareCampaigns.id, id),
          eq(firmwareCampaigns.currentWave, from),
          eq(firmwareCampaigns.status, 'running'),
        ),
      )
      .returning({ id: firmwareCampaigns.id });
    return rows.length > 0;
  }

  /**
   * Leases campaigns that need work (running, or with devices under way) and whose lease is free
   * or ran out, to this hub until `until`; one hub gets each (SKIP LOCKED).
   */
  async claim(owner: string, now: Date, until: Date, limit: number): Promise<CampaignRecord[]> {
    const result = await this.db.execute(sql`
      WITH c AS (
        SELECT id FROM firmware_campaigns fc
        WHERE (status = 'running' OR (status IN ('paused', 'halted', 'aborted') AND EXISTS (
            SELECT 1 FROM firmware_campaign_targets t
            WHERE t.campaign_id = fc.id AND t.state IN ('updating', 'verifying'))))
          AND (lease_until IS NULL OR lease_until < ${now} OR lease_owner = ${owner})
        ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
      )
      UPDATE firmware_campaigns f SET lease_owner = ${owner}, lease_until = ${until}
      FROM c WHERE f.id = c.id RETURNING f.id`);
    const ids = rowsOf<{ id: string }>(result).map((r) => r.id);
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(firmwareCampaigns)
      .where(sql`${firmwareCampaigns.id} = ANY(${sql.param(ids)}::uuid[])`);
  }

  async releaseLeases(owner: string): Promise<void> {
    await this.db
      .update(firmwareCampaigns)
      .set({ leaseOwner: null, leaseUntil: null })
      .where(eq(firmwareCampaigns.leaseOwner, owner));
  }

  async waveCounts(campaignId: string): Promise<WaveCount[]> {
    const result = await this.db.execute(sql`
      SELECT wave, state, count(*)::int AS n FROM firmware_campaign_targets
      WHERE campaign_id = ${campaignId} GROUP BY wave, state`);
    return rowsOf<WaveCount>(result);
  }

  /** Targets with their devices as they are now (in one state, or all; of one wave, or all). */
  async targets(
    campaignId: string,
    o: { states?: TargetState[]; wave?: number | undefined; limit?: number } = {},
  ): Promise<TargetWithDevice[]> {
    const states = o.states ? sql`AND t.state = ANY(${sql.param(o.states)}::text[])` : sql``;
    const wave = o.wave === undefined ? sql`` : sql`AND t.wave = ${o.wave}`;
    const limit = o.limit === undefined ? sql`` : sql`LIMIT ${o.limit}`;
    const result = await this.db.execute(sql`
      SELECT t.campaign_id AS "campaignId", t.device_id AS "deviceId", t.org_id AS "orgId", t.wave, t.state,
        t.job_id AS "jobId", t.planned_job_id AS "plannedJobId", t.from_version AS "fromVersion",
        t.peripherals_before AS "peripheralsBefore", t.reason, t.started_at AS "startedAt",
        t.job_done_at AS "jobDoneAt", t.finished_at AS "finishedAt",
        d.name AS "deviceName", d.model, d.firmware, s.status, s.overflowed, o.name AS "orgName",
        ${peripheralsOf} AS peripherals
      FROM firmware_campaign_targets t
      JOIN devices d ON d.id = t.device_id
      JOIN device_state s ON s.device_id = t.device_id
      JOIN organizations o ON o.id = t.org_id
      WHERE t.campaign_id = ${campaignId} ${states} ${wave}
      ORDER BY t.wave, lower(d.name), t.device_id ${limit}`);
    return rowsOf<TargetWithDevice>(result).map((r) => ({
      ...r,
      startedAt: dateOf(r.startedAt),
      jobDoneAt: dateOf(r.jobDoneAt),
      finishedAt: dateOf(r.finishedAt),
    }));
  }

  /**
   * The pending devices of a wave with the time zone of their site: the nearest location, from the
   * device's up, that names one (null when none does).
   */
  async pendingTimeZones(
    campaignId: string,
    wave: number,
  ): Promise<{ deviceId: string; timeZone: string | null }[]> {
    const result = await this.db.execute(sql`
      WITH RECURSIVE pending AS (
        SELECT t.device_id, d.location_id FROM firmware_campaign_targets t JOIN devices d ON d.id = t.device_id
        WHERE t.campaign_id = ${campaignId} AND t.wave = ${wave} AND t.state = 'pending'
      ), up AS (
        SELECT p.device_id, l.parent_id, l.time_zone, 0 AS depth
        FROM pending p JOIN locations l ON l.id = p.location_id
        UNION ALL
        SELECT up.device_id, l.parent_id, l.time_zone, up.depth + 1
        FROM up JOIN locations l ON l.id = up.parent_id
        WHERE up.time_zone IS NULL AND up.depth < 32
      )
      SELECT p.device_id AS "deviceId",
        (SELECT up.time_zone FROM up WHERE up.device_id = p.device_id AND up.time_zone IS NOT NULL
          ORDER BY up.depth LIMIT 1) AS "timeZone"
      FROM pending p`);
    return rowsOf(result);
  }

  /**
   * Claims up to `limit` pending targets of a wave for updating: each gets the id of the job that
   * will update it, chosen here, so the job is made once whatever happens between the two.
   */
  async claimPending(
    campaignId: string,
    wave: number,
    limit: number,
    now: Date,
    deviceIds?: string[],
  ): Promise<{ deviceId: string; orgId: string; plannedJobId: string }[]> {
    const only = deviceIds ? sql`AND device_id = ANY(${sql.param(deviceIds)}::uuid[])` : sql``;
    const result = await this.db.execute(sql`
      WITH c AS (
        SELECT device_id FROM firmware_campaign_targets
        WHERE campaign_id = ${campaignId} AND wave = ${wave} AND state = 'pending' ${only}
        LIMIT ${limit} FOR UPDATE SKIP LOCKED
      )
      UPDATE firmware_campaign_targets t SET state = 'updating', planned_job_id = gen_random_uuid(), started_at = ${now}
      FROM c WHERE t.campaign_id = ${campaignId} AND t.device_id = c.device_id AND t.state = 'pending'
      RETURNING t.device_id AS "deviceId", t.org_id AS "orgId", t.planned_job_id AS "plannedJobId"`);
    return rowsOf(result);
  }

  /** Moves a target on, only from the state it is known to be in. */
  async move(
    campaignId: string,
    deviceId: string,
    from: TargetState,
    values: Partial<typeof firmwareCampaignTargets.$inferInsert>,
  ): Promise<boolean> {
    const rows = await this.db
      .update(firmwareCampaignTargets)
      .set(values)
      .where(
        and(
          eq(firmwareCampaignTargets.campaignId, campaignId),
          eq(firmwareCampaignTargets.deviceId, deviceId),
          eq(firmwareCampaignTargets.state, from),
        ),
      )
      .returning({ id: firmwareCampaignTargets.deviceId });
    return rows.length > 0;
  }

  /** Cancels every target that has not started. */
  async cancelPending(campaignId: string, now: Date, reason: string): Promise<number> {
    const rows = await this.db
      .update(firmwareCampaignTargets)
      .set({ state: 'cancelled', reason, finishedAt: now })
      .where(
        and(eq(firmwareCampaignTargets.campaignId, campaignId), eq(firmwareCampaignTargets.state, 'pending')),
      )
      .returning({ id: firmwareCampaignTargets.deviceId });
    return rows.length;
  }

  /** Makes a claimed target's job, unless it exists already (a hub made it before it stopped). */
  async makeJob(values: typeof jobs.$inferInsert & { id: string }): Promise<void> {
    await this.db.insert(jobs).values(values).onConflictDoNothing({ target: jobs.id });
  }

  async jobsById(ids: string[]): Promise<Map<string, typeof jobs.$inferSelect>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(jobs)
      .where(sql`${jobs.id} = ANY(${sql.param(ids)}::uuid[])`);
    return new Map(rows.map((r) => [r.id, r]));
  }
}

const dateOf = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));
