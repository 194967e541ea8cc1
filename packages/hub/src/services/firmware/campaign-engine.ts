import { randomUUID } from 'node:crypto';
import { groupOf } from '@crosspoint/protocol';
import type {
  CampaignRecord,
  FirmwareCampaignRepository,
  TargetWithDevice,
  WaveCount,
} from '../../repositories/firmware-campaign.repository.ts';
import type { FirmwarePackageRecord } from '../../repositories/firmware-package.repository.ts';
import { windowActive } from '../alerts/maintenance-window.ts';
import type { Clock } from '../context.ts';
import { decideWave, type WaveTally } from './campaign-waves.ts';

/** What a campaign tells people about (by mail and webhook). */
export type CampaignEvent = 'started' | 'halted' | 'completed' | 'aborted';

export interface CampaignEngineDeps {
  campaigns: FirmwareCampaignRepository;
  /** A package by id, whoever published it (the campaign checked it was visible when made). */
  packageOf: (id: string) => Promise<FirmwarePackageRecord | undefined>;
  clock: Clock;
  /** A campaign moved on: browsers refetch it. */
  changed: (campaign: CampaignRecord) => Promise<void>;
  notify: (campaign: CampaignRecord, event: CampaignEvent) => Promise<void>;
  onError: (e: unknown) => void;
  /** How long a hub keeps a campaign it works on before another may take it over (ms). */
  leaseMs?: number;
  /** Devices started per campaign and tick at most. */
  startPerTick?: number;
}

const emptyTally = (): WaveTally => ({
  total: 0,
  pending: 0,
  running: 0,
  updated: 0,
  failed: 0,
  skipped: 0,
  cancelled: 0,
});

/** Each wave's counts (waves numbered from 0; targets outside every wave, wave -1, left out). */
export function tallies(counts: WaveCount[]): WaveTally[] {
  const waves: WaveTally[] = [];
  for (const c of counts) {
    if (c.wave < 0) continue;
    for (let i = waves.length; i <= c.wave; i++) waves.push(emptyTally());
    const w = waves[c.wave] ?? emptyTally();
    w.total += c.n;
    if (c.state === 'updating' || c.state === 'verifying') w.running += c.n;
    else w[c.state] += c.n;
  }
  return waves;
}

/**
 * Drives firmware campaigns through the jobs that survive restarts. Each tick, for every campaign
 * this hub leases: follows the jobs of the devices under way, applies the health gate (a device is
 * updated when it is back Healthy, with the new version and at least the peripherals it had,
 * within the gate's minutes), decides on the current wave (halt at the error threshold, go on at
 * the success threshold) and starts the current wave's pending devices inside the maintenance
 * window. A device is claimed (`pending` → `updating`, with its job's id) once, in the database:
 * several hubs, or a hub after a restart, never update it twice.
 */
export class CampaignEngine {
  private readonly owner = randomUUID();

  constructor(private readonly d: CampaignEngineDeps) {}

  /** One pass over the campaigns that need work; returns how many it worked on. */
  async tick(): Promise<number> {
    const now = this.d.clock();
    const leaseMs = this.d.leaseMs ?? 30_000;
    const claimed = await this.d.campaigns.claim(this.owner, now, new Date(now.getTime() + leaseMs), 50);
    for (const c of claimed) {
      try {
        await this.work(c);
      } catch (e) {
        this.d.onError(e);
      }
    }
    return claimed.length;
  }

  /** Hands this hub's campaigns back (it is stopping): another hub goes on at once. */
  releaseLeases(): Promise<void> {
    return this.d.campaigns.releaseLeases(this.owner);
  }

  private async work(c: CampaignRecord): Promise<void> {
    const pkg = await this.d.packageOf(c.packageId);
    if (!pkg) return;
    let moved = await this.followJobs(c, pkg);
    moved = (await this.healthGate(c, pkg)) || moved;
    if (c.status === 'running') moved = (await this.drive(c, pkg)) || moved;
    if (moved) await this.d.changed(c);
  }

  /** Devices being updated: their job ended (or was lost with its hub: made again, same id). */
  private async followJobs(c: CampaignRecord, pkg: FirmwarePackageRecord): Promise<boolean> {
    const updating = await this.d.campaigns.targets(c.id, { states: ['updating'] });
    if (updating.length === 0) return false;
    const jobs = await this.d.campaigns.jobsById(
      updating.flatMap((t) => (t.plannedJobId ? [t.plannedJobId] : [])),
    );
    const now = this.d.clock();
    let moved = false;
    for (const t of updating) {
      const job = t.plannedJobId ? jobs.get(t.plannedJobId) : undefined;
      if (!job) {
        await this.makeJob(c, pkg, t.deviceId, t.orgId, t.plannedJobId ?? randomUUID());
        continue;
      }
      if (!job.finishedAt) continue;
      moved = true;
      if (job.status === 'succeeded')
        await this.d.campaigns.move(c.id, t.deviceId, 'updating', {
          state: 'verifying',
          jobDoneAt: now,
          jobId: job.id,
        });
      else
        await this.d.campaigns.move(c.id, t.deviceId, 'updating', {
          state: 'failed',
          jobId: job.id,
          finishedAt: now,
          reason: job.error ? `${job.error.code}: ${job.error.message}` : 'The update failed.',
        });
    }
    return moved;
  }

  /** Devices whose job succeeded: updated once back Healthy with the version and their peripherals. */
  private async healthGate(c: CampaignRecord, pkg: FirmwarePackageRecord): Promise<boolean> {
    const verifying = await this.d.campaigns.targets(c.id, { states: ['verifying'] });
    const now = this.d.clock();
    let moved = false;
    for (const t of verifying) {
      const problem = healthProblem(t, pkg.version);
      if (!problem) {
        moved =
          (await this.d.campaigns.move(c.id, t.deviceId, 'verifying', {
            state: 'updated',
            finishedAt: now,
          })) || moved;
        continue;
      }
      const since = t.jobDoneAt ?? t.startedAt ?? now;
      if (now.getTime() - since.getTime() >= c.healthGateMinutes * 60_000)
        moved =
          (await this.d.campaigns.move(c.id, t.deviceId, 'verifying', {
            state: 'failed',
            finishedAt: now,
            reason: `HEALTH_GATE: not back within ${String(c.healthGateMinutes)} min: ${problem}`,
          })) || moved;
    }
    return moved;
  }

  /** The current wave: halt, go on, or start its pending devices (inside the window). */
  private async drive(c: CampaignRecord, pkg: FirmwarePackageRecord): Promise<boolean> {
    const waves = tallies(await this.d.campaigns.waveCounts(c.id));
    const wave = waves[c.currentWave];
    if (!wave) return this.finish(c, 'completed', null);
    const decision = decideWave(wave, c);
    if (decision.kind === 'halt') return this.finish(c, 'halted', decision.reason);
    if (decision.kind === 'advance') {
      if (c.currentWave + 1 >= waves.length) return this.finish(c, 'completed', null);
      if (!(await this.d.campaigns.advanceWave(c.id, c.currentWave))) return false;
      c.currentWave += 1;
      await this.startPending(c, pkg);
      return true;
    }
    return this.startPending(c, pkg);
  }

  private async startPending(c: CampaignRecord, pkg: FirmwarePackageRecord): Promise<boolean> {
    const now = this.d.clock();
    if (pkg.withdrawnAt)
      return this.finish(
        c,
        'halted',
        `The package ${pkg.version} was withdrawn: no new update starts with it.`,
      );
    let only: string[] | undefined;
    if (c.window) {
      // Each device in its site's window: the time zone of its location (or the nearest above it
      // that names one), else the campaign's.
      const window = c.window;
      only = (await this.d.campaigns.pendingTimeZones(c.id, c.currentWave))
        .filter((t) =>
          windowActive({ kind: 'weekly', ...window, timeZone: t.timeZone ?? window.timeZone }, now),
        )
        .map((t) => t.deviceId);
      if (only.length === 0) return false;
    }
    const claimed = await this.d.campaigns.claimPending(
      c.id,
      c.currentWave,
      this.d.startPerTick ?? 500,
      now,
      only,
    );
    for (const t of claimed) await this.makeJob(c, pkg, t.deviceId, t.orgId, t.plannedJobId);
    return claimed.length > 0;
  }

  private async makeJob(
    c: CampaignRecord,
    pkg: FirmwarePackageRecord,
    deviceId: string,
    orgId: string,
    jobId: string,
  ): Promise<void> {
    const now = this.d.clock();
    // No lease: the command service's sweep (on any hub) takes the job over and sends it.
    await this.d.campaigns.makeJob({
      id: jobId,
      orgId,
      deviceId,
      command: { type: 'firmwareUpdate', fileId: pkg.fileId, fileName: pkg.fileName },
      createdBy: `campaign ${c.name}`,
      deadline: new Date(now.getTime() + (c.healthGateMinutes + 60) * 60_000),
      createdAt: now,
    });
    await this.d.campaigns.move(c.id, deviceId, 'updating', { jobId });
  }

  private async finish(
    c: CampaignRecord,
    status: 'completed' | 'halted',
    reason: string | null,
  ): Promise<boolean> {
    const now = this.d.clock();
    const done = await this.d.campaigns.setStatus(c.id, ['running'], {
      status,
      haltReason: reason,
      ...(status === 'completed' ? { finishedAt: now } : {}),
    });
    if (!done) return false;
    await this.d.notify(done, status);
    return true;
  }
}

/** Why a device is not (yet) counted as updated, or null when it is. */
export function healthProblem(t: TargetWithDevice, version: string): string | null {
  if (t.overflowed || groupOf(t.status) !== 'healthy') return `its status is ${t.status}`;
  if (t.firmware !== version) return `it runs ${t.firmware}, not ${version}`;
  if (t.peripherals < t.peripheralsBefore)
    return `${String(t.peripherals)} of its ${String(t.peripheralsBefore)} peripherals are back`;
  return null;
}
