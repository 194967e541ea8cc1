import { getHeapStatistics } from 'node:v8';
import { linkIssueLimits, type AgentHealth, type AgentIssue } from '@crosspoint/protocol';
import type { SubnetSweep } from '../discovery/discovery-service.ts';

/** When the agent calls something an issue (docs/agent-install.md lists them with these numbers). */
export interface HealthThresholds {
  /** CPU of the agent process, in % of one core, over two reports in a row. */
  cpuPercent: number;
  /** Resident memory, MB. */
  memoryMb: number;
  /** Share of V8's heap limit in use. */
  heapShare: number;
  /** Buffered changes at least this many and more at each of `backlogReports` reports in a row. */
  backlog: number;
  backlogReports: number;
  /** Devices in Login Failed: at least this many, and at least this share of the known devices. */
  loginFailedDevices: number;
  loginFailedShare: number;
}

export const defaultHealthThresholds: HealthThresholds = {
  cpuPercent: 90,
  memoryMb: 1536,
  heapShare: 0.9,
  backlog: 100,
  backlogReports: 3,
  loginFailedDevices: 3,
  loginFailedShare: 0.25,
};

/** What the process uses: CPU time so far (µs) and memory (bytes). */
export interface ProcessUsage {
  cpuMicros: number;
  rssBytes: number;
  heapUsedBytes: number;
  heapLimitBytes: number;
}

export const processUsage = (): ProcessUsage => {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  return {
    cpuMicros: cpu.user + cpu.system,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    heapLimitBytes: getHeapStatistics().heap_size_limit,
  };
};

export interface HealthSources {
  /** The latest sweep of each enabled subnet. */
  sweeps(): SubnetSweep[];
  /** Device statuses (Login Failed counts). */
  statuses(): string[];
  usage?: () => ProcessUsage;
  now?: () => number;
  thresholds?: Partial<HealthThresholds>;
}

const clip = (text: string) =>
  text.length <= linkIssueLimits.reason ? text : `${text.slice(0, linkIssueLimits.reason - 1)}…`;

/**
 * Subnets whose latest sweep failed: the sweep itself broke, or addresses answered and at least
 * half of them could not be identified because of an error (a device that accepts and hangs up, a
 * protocol the driver cannot read). A subnet where nothing answers is not an issue: it may be empty.
 */
export function sweepIssues(sweeps: readonly SubnetSweep[]): AgentIssue[] {
  const failing = sweeps.filter(
    (s) =>
      s.failure !== undefined ||
      (s.errors > 0 && s.errors >= s.identified + s.loginFailed && s.errors * 2 >= s.candidates),
  );
  if (failing.length === 0) return [];
  const what = failing.map((s) =>
    s.failure !== undefined
      ? `${s.cidr} (${s.interface}): the sweep failed: ${s.failure}`
      : `${s.cidr} (${s.interface}): ${String(s.errors)} of ${String(s.candidates)} answering addresses could not be identified (${s.firstError ?? 'error'})`,
  );
  return [{ code: 'SUBNET_SWEEP_FAILING', reason: clip(`Subnet sweep failing: ${what.join('; ')}.`) }];
}

/** Many devices refusing the agent's login: the stored or default credentials are wrong for them. */
export function credentialIssues(statuses: readonly string[], t: HealthThresholds): AgentIssue[] {
  const failed = statuses.filter((s) => s === 'Login Failed').length;
  if (failed < t.loginFailedDevices || failed < statuses.length * t.loginFailedShare) return [];
  return [
    {
      code: 'CREDENTIALS_FAILING',
      reason: `Credentials failing: ${String(failed)} of ${String(statuses.length)} devices refuse the agent's login. Enter their login on the Devices screen.`,
    },
  ];
}

/**
 * The agent's health report: its own CPU and memory, the backlog of changes for the hub, and what is
 * wrong, each issue with a stable code and a reason for people. Keeps what it needs between reports
 * (CPU time, backlog trend), so it is called once per heartbeat.
 */
export class HealthMonitor {
  private readonly t: HealthThresholds;
  private readonly usage: () => ProcessUsage;
  private readonly now: () => number;
  private last: { at: number; cpuMicros: number } | undefined;
  private cpuHighReports = 0;
  private backlogs: number[] = [];

  constructor(private readonly sources: HealthSources) {
    this.t = { ...defaultHealthThresholds, ...sources.thresholds };
    this.usage = sources.usage ?? processUsage;
    this.now = sources.now ?? Date.now;
    const u = this.usage();
    this.last = { at: this.now(), cpuMicros: u.cpuMicros };
  }

  report(backlog: number): AgentHealth {
    const t = this.t;
    const usage = this.usage();
    const at = this.now();
    const elapsedMicros = Math.max(1, (at - (this.last?.at ?? at)) * 1000);
    const cpuPercent = Math.max(0, ((usage.cpuMicros - (this.last?.cpuMicros ?? 0)) / elapsedMicros) * 100);
    this.last = { at, cpuMicros: usage.cpuMicros };
    const memoryMb = usage.rssBytes / 1_000_000;
    this.cpuHighReports = cpuPercent >= t.cpuPercent ? this.cpuHighReports + 1 : 0;
    this.backlogs = [...this.backlogs, backlog].slice(-(t.backlogReports + 1));

    const issues: AgentIssue[] = [...sweepIssues(this.sources.sweeps())];
    const trend = this.backlogs;
    const growing =
      trend.length > t.backlogReports && trend.every((b, i) => i === 0 || b > (trend[i - 1] ?? 0));
    if (backlog >= t.backlog && growing)
      issues.push({
        code: 'BUFFER_GROWING',
        reason: `Buffer growing: ${String(backlog)} changes wait for the hub and more at each of the last ${String(t.backlogReports)} reports (the hub does not keep up or does not acknowledge).`,
      });
    issues.push(...credentialIssues(this.sources.statuses(), t));
    if (this.cpuHighReports >= 2)
      issues.push({
        code: 'CPU_HIGH',
        reason: `CPU high: the agent uses ${String(Math.round(cpuPercent))} % of a core (limit ${String(t.cpuPercent)} %).`,
      });
    const heapShare = usage.heapUsedBytes / Math.max(1, usage.heapLimitBytes);
    if (memoryMb >= t.memoryMb || heapShare >= t.heapShare)
      issues.push({
        code: 'MEMORY_HIGH',
        reason: `Memory high: the agent uses ${String(Math.round(memoryMb))} MB, ${String(Math.round(heapShare * 100))} % of its heap limit.`,
      });
    return {
      cpuPercent: Math.round(cpuPercent * 10) / 10,
      memoryMb: Math.round(memoryMb * 10) / 10,
      backlog,
      issues: issues.slice(0, linkIssueLimits.issues),
    };
  }
}
