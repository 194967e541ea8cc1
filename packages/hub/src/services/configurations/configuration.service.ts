import { createHash } from 'node:crypto';
import {
  type ConfigurationContent,
  type ConfigurationDiff,
  type ConfigurationSettings,
  type ConfigurationVersion,
  type ConfigurationVersionList,
  type Job,
} from '@crosspoint/protocol';
import type { CommandFileRepository } from '../../repositories/command-file.repository.ts';
import type {
  ConfigurationRepository,
  ConfigurationTriggerName,
  ConfigurationVersionRecord,
} from '../../repositories/configuration.repository.ts';
import type { DeviceRepository } from '../../repositories/device.repository.ts';
import type { JobRecord, JobRepository } from '../../repositories/job.repository.ts';
import type { OrganizationRepository } from '../../repositories/organization.repository.ts';
import type { AuditService } from '../audit.service.ts';
import type { CommandService } from '../command.service.ts';
import { isoDay, requirePermission, type Actor, type Clock, type OrgContext } from '../context.ts';
import type { LiveEvents } from '../live-events.ts';
import { PeriodicTask } from '../serial-runner.ts';
import { ServiceError } from '../service-error.ts';
import {
  compareConfigurations,
  readConfiguration,
  type ComparedConfigurations,
} from './configuration-diff.ts';
import { projectXmlOf } from './cp2-project.ts';

/** Whether the agent backs up this device's configuration (a CONVERGE Pro 2 or Huddle project). */
export const backsUp = (d: { family: string; model: string }): boolean =>
  d.family === 'cp2' || d.family === 'huddle' || /pro 2|huddle/i.test(d.model);

export interface ConfigurationTuning {
  /** How often each hub looks for the nightly backup to run (ms; 0: only when `sweep` is called). */
  tickMs: number;
  /** The UTC hour from which the night's backup runs. */
  nightlyHourUtc: number;
  /** How long a change waits for its backup before it is sent anyway (ms). */
  beforeChangeWaitMs: number;
  /**
   * Commands a backup is taken before. Firmware updates are not in the default yet: with them, a
   * firmware job whose hub restarts while it waits for its backup did not finish (job-resend e2e).
   */
  backupBefore: readonly string[];
}
export const defaultConfigurationTuning: ConfigurationTuning = {
  tickMs: 60_000,
  nightlyHourUtc: 1,
  beforeChangeWaitMs: 120_000,
  backupBefore: ['loadConfig', 'restoreConfig'],
};

/** How long the night's backup may start after `nightlyHourUtc` (a hub down all night skips a day). */
const nightHours = 6;

const actorOf = (label: string): Actor => ({ userId: null, label, ip: null });
const nightlyActor = actorOf('hub (nightly backup)');

/**
 * Configuration versions (docs/configurations.md): every successful backup of a device is kept as
 * a version unless it is identical to the device's previous one; backups are asked for nightly, on
 * demand, before a change is sent and when an agent sees a change. Versions are compared (a CP2
 * project row by row, anything else line by line), one per device is approved as its baseline, and
 * any version can be loaded back to its device or to others of the same model.
 */
export class ConfigurationService {
  private readonly periodic: PeriodicTask;
  /** Comparisons already made (versions never change): drift alerts ask again every evaluation. */
  private readonly compared = new Map<string, ComparedConfigurations>();
  private onDrift: (orgId: string) => void = () => undefined;

  constructor(
    private readonly d: {
      repo: ConfigurationRepository;
      files: CommandFileRepository;
      jobs: JobRepository;
      devices: DeviceRepository;
      orgs: OrganizationRepository;
      commands: CommandService;
      audit: AuditService;
      live: LiveEvents;
      clock: Clock;
      tuning: ConfigurationTuning;
      onError: (e: unknown) => void;
    },
  ) {
    this.periodic = new PeriodicTask(() => this.sweep().then(() => undefined), d.tuning.tickMs, d.onError);
    d.commands.setHooks({
      beforeChange: (ctx, deviceId, command) =>
        d.tuning.backupBefore.includes(command) ? this.backupBeforeChange(ctx, deviceId) : Promise.resolve(),
      finished: (job) => this.jobFinished(job),
    });
  }

  /** Called when a device's versions or baseline changed (the alert engine looks at drift again). */
  watchDrift(listener: (orgId: string) => void): void {
    this.onDrift = listener;
  }

  /** Runs the nightly sweep now and every `tickMs` (not at all with 0: tests call `sweep`). */
  start(): Promise<void> {
    return this.d.tuning.tickMs > 0 ? this.periodic.start() : Promise.resolve();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  // ── versions ────────────────────────────────────────────────────────────────────────────────

  async list(ctx: OrgContext, deviceId: string): Promise<ConfigurationVersionList> {
    requirePermission(ctx, 'devices.read');
    await this.device(ctx, deviceId);
    const [items, baseline] = await Promise.all([
      this.d.repo.list(ctx.org.id, deviceId),
      this.d.repo.baseline(ctx.org.id, deviceId),
    ]);
    const base = baseline && items.find((v) => v.id === baseline.versionId);
    return {
      items: items.map((v) => versionView(v, baseline?.versionId)),
      baseline: baseline
        ? {
            versionId: baseline.versionId,
            approvedBy: baseline.approvedBy,
            approvedAt: baseline.approvedAt.toISOString(),
          }
        : null,
      drifted: base && items[0] ? items[0].sha256 !== base.sha256 : null,
    };
  }

  async get(ctx: OrgContext, versionId: string): Promise<ConfigurationContent> {
    requirePermission(ctx, 'devices.read');
    const v = await this.version(ctx, versionId);
    const read = readConfiguration(await this.bytes(v));
    const baseline = await this.d.repo.baseline(ctx.org.id, v.deviceId);
    return {
      version: versionView(v, baseline?.versionId),
      format: read.format,
      sections: read.format === 'structured' ? read.sections : [],
      text: read.format === 'text' ? read.text : null,
    };
  }

  async compare(ctx: OrgContext, fromId: string, toId: string): Promise<ConfigurationDiff> {
    requirePermission(ctx, 'devices.read');
    const [from, to] = [await this.version(ctx, fromId), await this.version(ctx, toId)];
    const diff = await this.comparison(from, to);
    const baselineIds = new Set(
      [
        await this.d.repo.baseline(ctx.org.id, from.deviceId),
        await this.d.repo.baseline(ctx.org.id, to.deviceId),
      ]
        .filter((b) => b !== undefined)
        .map((b) => b.versionId),
    );
    const view = (v: ConfigurationVersionRecord) => versionView(v, baselineIds.has(v.id) ? v.id : undefined);
    return { from: view(from), to: view(to), ...diff };
  }

  /** Backs up devices now (people): a version is kept when the configuration changed. */
  async backup(ctx: OrgContext, deviceIds: string[]): Promise<Job[]> {
    requirePermission(ctx, 'devices.command');
    for (const id of deviceIds) await this.device(ctx, id);
    return this.requestBackup(ctx, deviceIds, 'manual');
  }

  /** Loads a version to its device, or to devices of the same model (each takes a backup first). */
  async restore(ctx: OrgContext, versionId: string, deviceIds: string[] | undefined): Promise<Job[]> {
    requirePermission(ctx, 'devices.command');
    const v = await this.version(ctx, versionId);
    const source = await this.device(ctx, v.deviceId);
    const targets = deviceIds ?? [v.deviceId];
    for (const id of targets) {
      const target = await this.device(ctx, id);
      if (target.model !== source.model)
        throw ServiceError.invalid(
          'CONFIGURATION_MODEL_MISMATCH',
          `${target.name} is a ${target.model}; this version is of a ${source.model} and loads only to that model.`,
        );
    }
    await this.d.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'configurations.restored',
      targetType: 'device',
      targetId: v.deviceId,
      detail: { version: v.id, takenAt: v.takenAt.toISOString(), devices: targets.length },
    });
    return this.d.commands.run(ctx, {
      deviceIds: targets,
      command: { type: 'loadConfig', fileId: v.fileId },
    });
  }

  async setBaseline(ctx: OrgContext, deviceId: string, versionId: string): Promise<ConfigurationVersionList> {
    requirePermission(ctx, 'devices.command');
    const device = await this.device(ctx, deviceId);
    const v = await this.version(ctx, versionId);
    if (v.deviceId !== deviceId)
      throw ServiceError.invalid('BAD_REQUEST', `This version is not one of ${device.name}'s.`);
    await this.d.repo.setBaseline({
      deviceId,
      orgId: ctx.org.id,
      versionId,
      approvedBy: ctx.actor.label,
      approvedAt: this.d.clock(),
    });
    await this.d.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'configurations.baseline_set',
      targetType: 'device',
      targetId: deviceId,
      detail: { device: device.name, version: versionId, takenAt: v.takenAt.toISOString() },
    });
    await this.changed(ctx.org.id, deviceId);
    return this.list(ctx, deviceId);
  }

  async clearBaseline(ctx: OrgContext, deviceId: string): Promise<void> {
    requirePermission(ctx, 'devices.command');
    const device = await this.device(ctx, deviceId);
    if (!(await this.d.repo.clearBaseline(ctx.org.id, deviceId))) return;
    await this.d.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'configurations.baseline_cleared',
      targetType: 'device',
      targetId: deviceId,
      detail: { device: device.name },
    });
    await this.changed(ctx.org.id, deviceId);
  }

  async settings(ctx: OrgContext): Promise<ConfigurationSettings> {
    requirePermission(ctx, 'devices.read');
    return this.d.repo.settings(ctx.org.id);
  }

  async updateSettings(ctx: OrgContext, s: ConfigurationSettings): Promise<ConfigurationSettings> {
    requirePermission(ctx, 'devices.command');
    await this.d.repo.saveSettings(ctx.org.id, s);
    await this.d.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'configurations.settings_updated',
      targetType: 'organization',
      targetId: ctx.org.id,
      detail: { ...s },
    });
    return s;
  }

  // ── drift (the alert rule) ──────────────────────────────────────────────────────────────────

  /** Devices whose newest version differs from their baseline, with what differs. */
  async drifted(
    orgId: string,
  ): Promise<{ deviceId: string; since: Date; summary: string[]; changes: number }[]> {
    const out = [];
    for (const d of await this.d.repo.drifted(orgId)) {
      const diff = await this.comparison(d.baseline, d.latest);
      out.push({
        deviceId: d.deviceId,
        since: d.latest.takenAt,
        summary: diff.summary,
        changes: diff.summary.length,
      });
    }
    return out;
  }

  // ── what asks for backups ───────────────────────────────────────────────────────────────────

  /** An agent's `config-changed` frame: the device by the agent's id for it. */
  async changeSeen(orgId: string, agentDeviceId: string, agentName: string): Promise<void> {
    const deviceId = await this.d.repo.deviceIdOf(orgId, agentDeviceId);
    if (deviceId) await this.changeDetected(orgId, deviceId, agentName).catch(this.d.onError);
  }

  /** An agent saw the device's configuration change (someone changed it): back it up, once per burst. */
  async changeDetected(orgId: string, deviceId: string, agentName: string): Promise<void> {
    if (await this.d.repo.pendingBackup(orgId, deviceId, 'change-detected')) return;
    const ctx = await this.systemContext(orgId, `agent ${agentName} (change seen)`);
    if (ctx) await this.requestBackup(ctx, [deviceId], 'change-detected');
  }

  /**
   * The nightly backup: each organization's once a UTC day (from `nightlyHourUtc`, for six hours),
   * claimed by one hub; then retention. Returns the organizations backed up.
   */
  async sweep(now = this.d.clock()): Promise<string[]> {
    // Only at night: a hub started or restarted in the day does not back every device up at once.
    const hour = now.getUTCHours();
    if (hour < this.d.tuning.nightlyHourUtc || hour >= this.d.tuning.nightlyHourUtc + nightHours) return [];
    const day = isoDay(now);
    const done: string[] = [];
    for (const orgId of await this.d.repo.orgsWithDevices()) {
      if (!(await this.d.repo.claimNightly(orgId, day))) continue;
      try {
        const ctx = await this.systemContext(orgId, nightlyActor.label);
        const targets = await this.d.repo.backupTargets(orgId);
        if (ctx && targets.length > 0) await this.requestBackup(ctx, targets, 'schedule');
        await this.applyRetention(orgId, now);
        done.push(orgId);
      } catch (e) {
        this.d.onError(e);
      }
    }
    return done;
  }

  /** Deletes versions past the organization's retention (never a device's newest or its baseline). */
  async applyRetention(orgId: string, now = this.d.clock()): Promise<number> {
    const s = await this.d.repo.settings(orgId);
    const files = await this.d.repo.expiredFiles(
      orgId,
      s.keepVersions,
      new Date(now.getTime() - s.keepDays * 86_400_000),
    );
    return this.d.files.delete(orgId, files);
  }

  private async backupBeforeChange(ctx: OrgContext, deviceId: string): Promise<void> {
    const device = await this.d.devices.byId(ctx.org.id, deviceId);
    if (!device || !backsUp(device)) return;
    const [job] = await this.requestBackup(ctx, [deviceId], 'before-change');
    if (!job) return;
    const until = Date.now() + this.d.tuning.beforeChangeWaitMs;
    while (Date.now() < until) {
      const current = await this.d.jobs.byId(ctx.org.id, job.id);
      if (!current || current.status === 'succeeded' || current.status === 'failed') return;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  private async requestBackup(
    ctx: OrgContext,
    deviceIds: string[],
    trigger: ConfigurationTriggerName,
  ): Promise<Job[]> {
    const jobs = await this.d.commands.run(ctx, { deviceIds, command: { type: 'backupConfig' } }, (job) =>
      this.d.repo.recordBackupJob({
        jobId: job.id,
        orgId: ctx.org.id,
        deviceId: job.deviceId ?? '',
        trigger,
        requestedBy: ctx.actor.label,
      }),
    );
    return jobs;
  }

  /** A job ended: a backup becomes a version; a configuration loaded is backed up again. */
  private async jobFinished(job: JobRecord): Promise<void> {
    if (job.status !== 'succeeded' || !job.deviceId) return;
    const type = job.command.type;
    if (type === 'backupConfig') {
      const fileId = (job.result as { fileId?: unknown } | null)?.fileId;
      if (typeof fileId !== 'string') return;
      const asked = await this.d.repo.backupJob(job.id);
      await this.keep(job.orgId, job.deviceId, fileId, {
        trigger: asked?.trigger ?? 'manual',
        createdBy: asked?.requestedBy ?? job.createdBy,
        jobId: job.id,
      });
    } else if (type === 'loadConfig' || type === 'restoreConfig') {
      const ctx = await this.systemContext(job.orgId, `${job.createdBy} (after ${type})`);
      if (ctx) await this.requestBackup(ctx, [job.deviceId], 'after-change');
    }
  }

  /** Keeps a backup as a version, unless it is what the device's newest version already holds. */
  async keep(
    orgId: string,
    deviceId: string,
    fileId: string,
    how: { trigger: ConfigurationTriggerName; createdBy: string; jobId: string | null },
  ): Promise<ConfigurationVersionRecord | undefined> {
    const file = await this.d.files.info(orgId, fileId);
    if (!file) return undefined;
    const sha256 = contentHash(await this.fileBytes(fileId), file.sha256);
    const now = this.d.clock();
    const latest = await this.d.repo.latest(orgId, deviceId);
    if (latest?.sha256 === sha256) {
      // The same content: one file is kept, the newest (the backup just taken links to it, so its
      // download works); the version's time stays, its lastSeenAt moves.
      await this.d.repo.seen(latest.id, now, { fileId, bytes: file.bytes });
      // The earlier file goes, unless a job still to run names it (a restore of this version).
      if (latest.fileId !== fileId && !(await this.d.repo.fileInUse(orgId, latest.fileId)))
        await this.d.files.delete(orgId, [latest.fileId]);
      await this.changed(orgId, deviceId);
      return { ...latest, fileId, bytes: file.bytes, lastSeenAt: now };
    }
    // Versions are ordered by when they were taken: a later one never shares its predecessor's instant.
    const takenAt = latest && latest.takenAt >= now ? new Date(latest.takenAt.getTime() + 1) : now;
    const v = await this.d.repo.insert({
      orgId,
      deviceId,
      fileId,
      trigger: how.trigger,
      createdBy: how.createdBy,
      bytes: file.bytes,
      sha256,
      takenAt,
      lastSeenAt: takenAt,
      jobId: how.jobId,
    });
    await this.applyRetention(orgId, now);
    await this.changed(orgId, deviceId);
    return v;
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────

  private async changed(orgId: string, deviceId: string): Promise<void> {
    await this.d.live.publish(orgId, { kind: 'configurations', deviceId });
    this.onDrift(orgId);
  }

  private async comparison(
    a: ConfigurationVersionRecord,
    b: ConfigurationVersionRecord,
  ): Promise<ComparedConfigurations> {
    const key = `${a.id}|${b.id}`;
    let diff = this.compared.get(key);
    if (!diff) {
      diff = compareConfigurations(await this.bytes(a), await this.bytes(b));
      if (this.compared.size > 500) this.compared.clear();
      this.compared.set(key, diff);
    }
    return diff;
  }

  private bytes(v: ConfigurationVersionRecord): Promise<Buffer> {
    return this.fileBytes(v.fileId);
  }

  private async fileBytes(fileId: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (let seq = 0; ; seq++) {
      const chunk = await this.d.files.chunk(fileId, seq);
      if (!chunk) break;
      parts.push(chunk);
    }
    return Buffer.concat(parts);
  }

  private async device(ctx: OrgContext, id: string) {
    const device = await this.d.devices.byId(ctx.org.id, id);
    if (!device) throw ServiceError.notFound('The device');
    return device;
  }

  private async version(ctx: OrgContext, id: string): Promise<ConfigurationVersionRecord> {
    const v = await this.d.repo.byId(ctx.org.id, id);
    if (!v) throw ServiceError.notFound('The configuration version');
    return v;
  }

  /** The hub acting in an organization (nightly backups, changes seen, backups after a load). */
  private async systemContext(orgId: string, label: string): Promise<OrgContext | undefined> {
    const org = await this.d.orgs.byId(orgId);
    return org ? { actor: actorOf(label), org, role: 'owner' } : undefined;
  }
}

/**
 * What makes two backups the same version: a project's XML (the ZIP around it carries the time it
 * was made, so the same settings zip to other bytes each time), else the file's own bytes.
 */
function contentHash(bytes: Uint8Array, fileSha256: string): string {
  const xml = projectXmlOf(bytes);
  return xml === undefined ? fileSha256 : createHash('sha256').update(xml).digest('hex');
}

function versionView(v: ConfigurationVersionRecord, baselineId: string | undefined): ConfigurationVersion {
  return {
    id: v.id,
    deviceId: v.deviceId,
    trigger: v.trigger,
    createdBy: v.createdBy,
    bytes: v.bytes,
    sha256: v.sha256,
    takenAt: v.takenAt.toISOString(),
    lastSeenAt: v.lastSeenAt.toISOString(),
    fileId: v.fileId,
    baseline: v.id === baselineId,
  };
}
