import { and, desc, eq, ilike, inArray, isNotNull, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import {
  configurationBackupJobs,
  configurationBaselines,
  configurationSettings,
  configurationVersions,
  devices,
  jobs,
} from '../db/schema/index.ts';

export type ConfigurationVersionRecord = typeof configurationVersions.$inferSelect;
export type BaselineRecord = typeof configurationBaselines.$inferSelect;
export type BackupJobRecord = typeof configurationBackupJobs.$inferSelect;
export type ConfigurationTriggerName = ConfigurationVersionRecord['trigger'];
export interface ConfigurationSettingsRecord {
  nightly: boolean;
  keepVersions: number;
  keepDays: number;
}
export const defaultConfigurationSettings: ConfigurationSettingsRecord = {
  nightly: true,
  keepVersions: 100,
  keepDays: 365,
};

/** Devices whose configuration the agent backs up: CONVERGE Pro 2 and Huddle boxes (family code or model name). */
const backupCapable = or(
  inArray(devices.family, ['cp2', 'huddle']),
  ilike(devices.model, '%pro 2%'),
  ilike(devices.model, '%huddle%'),
);

/** Configuration versions, baselines, settings and the backup jobs asked for; every read takes the organization. */
export class ConfigurationRepository {
  constructor(private readonly db: Db) {}

  async latest(orgId: string, deviceId: string): Promise<ConfigurationVersionRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(configurationVersions)
      .where(and(eq(configurationVersions.orgId, orgId), eq(configurationVersions.deviceId, deviceId)))
      .orderBy(desc(configurationVersions.takenAt), desc(configurationVersions.id))
      .limit(1);
    return row;
  }

  async insert(v: Omit<ConfigurationVersionRecord, 'id'>): Promise<ConfigurationVersionRecord> {
    const [row] = await this.db.insert(configurationVersions).values(v).returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  }

  /** A backup found the version's content again: it is kept in the newest file. */
  async seen(id: string, at: Date, file: { fileId: string; bytes: number }): Promise<void> {
    await this.db
      .update(configurationVersions)
      .set({ lastSeenAt: at, fileId: file.fileId, bytes: file.bytes })
      .where(eq(configurationVersions.id, id));
  }

  async list(orgId: string, deviceId: string, limit = 500): Promise<ConfigurationVersionRecord[]> {
    return this.db
      .select()
      .from(configurationVersions)
      .where(and(eq(configurationVersions.orgId, orgId), eq(configurationVersions.deviceId, deviceId)))
      .orderBy(desc(configurationVersions.takenAt), desc(configurationVersions.id))
      .limit(limit);
  }

  async byId(orgId: string, id: string): Promise<ConfigurationVersionRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(configurationVersions)
      .where(and(eq(configurationVersions.orgId, orgId), eq(configurationVersions.id, id)));
    return row;
  }

  async baseline(orgId: string, deviceId: string): Promise<BaselineRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(configurationBaselines)
      .where(and(eq(configurationBaselines.orgId, orgId), eq(configurationBaselines.deviceId, deviceId)));
    return row;
  }

  async setBaseline(b: BaselineRecord): Promise<void> {
    await this.db
      .insert(configurationBaselines)
      .values(b)
      .onConflictDoUpdate({
        target: configurationBaselines.deviceId,
        set: { versionId: b.versionId, approvedBy: b.approvedBy, approvedAt: b.approvedAt },
      });
  }

  async clearBaseline(orgId: string, deviceId: string): Promise<boolean> {
    const rows = await this.db
      .delete(configurationBaselines)
      .where(and(eq(configurationBaselines.orgId, orgId), eq(configurationBaselines.deviceId, deviceId)))
      .returning({ id: configurationBaselines.deviceId });
    return rows.length > 0;
  }

  /**
   * Devices whose newest version differs from their baseline, with both versions: what the drift
   * rule finds failing.
   */
  async drifted(
    orgId: string,
  ): Promise<
    { deviceId: string; baseline: ConfigurationVersionRecord; latest: ConfigurationVersionRecord }[]
  > {
    const baselines = await this.db
      .select({ b: configurationBaselines, v: configurationVersions })
      .from(configurationBaselines)
      .innerJoin(configurationVersions, eq(configurationVersions.id, configurationBaselines.versionId))
      .where(eq(configurationBaselines.orgId, orgId));
    const out = [];
    for (const { b, v } of baselines) {
      const latest = await this.latest(orgId, b.deviceId);
      if (latest && latest.sha256 !== v.sha256) out.push({ deviceId: b.deviceId, baseline: v, latest });
    }
    return out;
  }

  async settings(orgId: string): Promise<ConfigurationSettingsRecord> {
    const [row] = await this.db
      .select()
      .from(configurationSettings)
      .where(eq(configurationSettings.orgId, orgId));
    return row
      ? { nightly: row.nightly, keepVersions: row.keepVersions, keepDays: row.keepDays }
      : defaultConfigurationSettings;
  }

  async saveSettings(orgId: string, s: ConfigurationSettingsRecord): Promise<void> {
    await this.db
      .insert(configurationSettings)
      .values({ orgId, ...s })
      .onConflictDoUpdate({ target: configurationSettings.orgId, set: s });
  }

  /** Organizations with devices that can be backed up (CONVERGE Pro 2 and Huddle models). */
  async orgsWithDevices(): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ orgId: devices.orgId })
      .from(devices)
      .where(and(backupCapable, isNotNull(devices.serverId)));
    return rows.map((r) => r.orgId);
  }

  async deviceIdOf(orgId: string, agentDeviceId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ id: devices.id })
      .from(devices)
      .where(and(eq(devices.orgId, orgId), eq(devices.agentDeviceId, agentDeviceId)));
    return row?.id;
  }

  async backupTargets(orgId: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: devices.id })
      .from(devices)
      .where(and(eq(devices.orgId, orgId), backupCapable, isNotNull(devices.serverId)));
    return rows.map((r) => r.id);
  }

  /**
   * Claims the nightly backup of `day` for the organization: true for exactly one hub (a guarded
   * update on its settings row, created with the defaults when missing).
   */
  async claimNightly(orgId: string, day: string): Promise<boolean> {
    await this.db.insert(configurationSettings).values({ orgId }).onConflictDoNothing();
    const rows = await this.db
      .update(configurationSettings)
      .set({ nightlyDoneOn: day })
      .where(
        and(
          eq(configurationSettings.orgId, orgId),
          eq(configurationSettings.nightly, true),
          or(isNull(configurationSettings.nightlyDoneOn), lt(configurationSettings.nightlyDoneOn, day)),
        ),
      )
      .returning({ orgId: configurationSettings.orgId });
    return rows.length === 1;
  }

  /** A job not ended yet names the file (a configuration load of it). */
  async fileInUse(orgId: string, fileId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          eq(jobs.orgId, orgId),
          inArray(jobs.status, ['queued', 'running']),
          sql`${jobs.command}->>'fileId' = ${fileId}`,
        ),
      )
      .limit(1);
    return row !== undefined;
  }

  async recordBackupJob(r: BackupJobRecord): Promise<void> {
    await this.db.insert(configurationBackupJobs).values(r).onConflictDoNothing();
  }

  async backupJob(jobId: string): Promise<BackupJobRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(configurationBackupJobs)
      .where(eq(configurationBackupJobs.jobId, jobId));
    return row;
  }

  /** A backup of the device asked for with this trigger that has not ended yet (change notices come in bursts). */
  async pendingBackup(orgId: string, deviceId: string, trigger: ConfigurationTriggerName): Promise<boolean> {
    const [row] = await this.db
      .select({ id: jobs.id })
      .from(configurationBackupJobs)
      .innerJoin(jobs, eq(jobs.id, configurationBackupJobs.jobId))
      .where(
        and(
          eq(configurationBackupJobs.orgId, orgId),
          eq(configurationBackupJobs.deviceId, deviceId),
          eq(configurationBackupJobs.trigger, trigger),
          inArray(jobs.status, ['queued', 'running']),
        ),
      )
      .limit(1);
    return row !== undefined;
  }

  /**
   * The backup files of versions past retention: beyond the newest `keep` of each device or taken
   * before `before`; a device's newest version and its baseline are always kept. Deleting the file
   * deletes its version.
   */
  async expiredFiles(orgId: string, keep: number, before: Date): Promise<string[]> {
    const ranked = this.db.$with('ranked').as(
      this.db
        .select({
          id: configurationVersions.id,
          fileId: configurationVersions.fileId,
          takenAt: configurationVersions.takenAt,
          rank: sql<number>`row_number() over (partition by ${configurationVersions.deviceId} order by ${configurationVersions.takenAt} desc, ${configurationVersions.id} desc)`.as(
            'rank',
          ),
        })
        .from(configurationVersions)
        .where(eq(configurationVersions.orgId, orgId)),
    );
    const baselineIds = this.db
      .select({ id: configurationBaselines.versionId })
      .from(configurationBaselines)
      .where(eq(configurationBaselines.orgId, orgId));
    const rows = await this.db
      .with(ranked)
      .select({ fileId: ranked.fileId })
      .from(ranked)
      .where(
        and(
          sql`${ranked.rank} > 1`,
          or(sql`${ranked.rank} > ${keep}`, lt(ranked.takenAt, before)),
          notInArray(ranked.id, baselineIds),
        ),
      );
    return rows.map((r) => r.fileId);
  }
}
