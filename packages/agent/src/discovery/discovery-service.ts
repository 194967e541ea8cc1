import { setMaxListeners } from 'node:events';
import type { DeviceId } from '@crosspoint/protocol';
import type { Logger } from 'pino';
import type { DriverRegistry } from '../sessions/session-manager.ts';
import type { SessionContext } from '../sessions/session.ts';
import type { DeviceCredentials } from '../store/agent-store.ts';
import type { Fingerprint } from '../drivers/device-driver.ts';
import { isAddressId, type InventoryDevice } from '../inventory/inventory.ts';
import { mapBounded } from '../util/pool.ts';
import type { Candidate, DiscoveryMethod } from './discovery-method.ts';
import { inSubnet, type SubnetSpec } from './subnet.ts';

export interface SubnetReport {
  cidr: string;
  interface: string;
  /** Addresses that answered. */
  candidates: number;
  /** Addresses skipped because a live session already holds them. */
  known: number;
  identified: number;
  loginFailed: number;
  errors: { host: string; port: number; message: string }[];
}

/** How the latest sweep of one subnet went: what the agent's health report judges. */
export interface SubnetSweep {
  cidr: string;
  interface: string;
  /** When it finished (ms since the epoch). */
  at: number;
  candidates: number;
  identified: number;
  loginFailed: number;
  /** Answering addresses whose identification failed with an error, and the first error. */
  errors: number;
  firstError?: string;
  /** The sweep itself failed (nothing of the subnet was learnt): why. */
  failure?: string;
}

export interface DiscoveryReport {
  startedAt: number;
  finishedAt: number;
  subnets: SubnetReport[];
  /** Devices identified in this run (boxes, peripherals, mics, codecs). */
  found: DeviceId[];
  /** Devices of the swept subnets not seen this time: kept, marked missing (their sessions show Down). */
  missing: DeviceId[];
}

export interface DiscoveryDeps {
  /** The enabled subnets, read at every run: a subnet disabled meanwhile is skipped. */
  subnets(): readonly SubnetSpec[];
  methods: readonly DiscoveryMethod[];
  drivers: DriverRegistry;
  session: SessionContext;
  serverName: string;
  /** Fingerprints in flight at once (each logs in). */
  concurrency: number;
  devices(): InventoryDevice[];
  /** Whether a live, logged-in session already talks to this address. */
  isLive(host: string, port: number): boolean;
  credentialsToTry(candidate: Candidate): DeviceCredentials[];
  /** Records what a candidate turned out to be (inventory, sessions, remembered credentials); returns the device ids it stands for. */
  accept(fingerprint: Fingerprint, candidate: Candidate): Promise<DeviceId[]>;
  markMissing(ids: DeviceId[], missing: boolean): Promise<void>;
  logger: Logger;
}

/**
 * Sweeps the enabled subnets with every discovery method, fingerprints new answers through the
 * family's driver, and reconciles the inventory. Runs on a schedule and on demand; concurrent
 * requests share the run in progress.
 */
export class DiscoveryService {
  private running: Promise<DiscoveryReport> | undefined;
  /** Sweeps run one after the other (a full run and a just re-enabled subnet never overlap). */
  private tail: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly abort = new AbortController();
  last: DiscoveryReport | undefined;
  /** The latest sweep of each subnet, by CIDR. */
  private readonly outcomes = new Map<string, SubnetSweep>();

  constructor(private readonly deps: DiscoveryDeps) {
    // Every probe of a sweep listens on this one signal.
    setMaxListeners(0, this.abort.signal);
  }

  /** The latest sweep of each of these subnets that was swept. */
  sweeps(of: readonly SubnetSpec[]): SubnetSweep[] {
    return of.flatMap((s) => {
      const outcome = this.outcomes.get(s.cidr);
      return outcome ? [outcome] : [];
    });
  }

  /** Sweeps every enabled subnet. */
  run(): Promise<DiscoveryReport> {
    this.running ??= this.after(() => this.sweep(this.deps.subnets())).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Sweeps only these subnets (e.g. one just re-enabled), after any sweep in progress. */
  sweepNow(subnets: readonly SubnetSpec[]): Promise<DiscoveryReport> {
    return this.after(() => this.sweep(subnets));
  }

  private after(sweep: () => Promise<DiscoveryReport>): Promise<DiscoveryReport> {
    const next = this.tail.then(sweep);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Re-runs every `intervalMs` (0 = never). */
  schedule(intervalMs: number): void {
    if (this.timer) clearInterval(this.timer);
    if (intervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.run().catch((e: unknown) => {
        this.deps.logger.warn({ err: e }, 'scheduled discovery failed');
      });
    }, intervalMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.abort.abort();
    await this.tail;
  }

  private async sweep(asked: readonly SubnetSpec[]): Promise<DiscoveryReport> {
    const { deps } = this;
    const startedAt = deps.session.now();
    const found = new Set<DeviceId>();
    const subnets: SubnetReport[] = [];
    const done: SubnetSpec[] = [];
    for (const subnet of asked) {
      if (!deps.subnets().some((s) => s.cidr === subnet.cidr)) continue;
      let report: SubnetReport;
      try {
        report = await this.sweepSubnet(subnet, found);
      } catch (e) {
        if (!this.abort.signal.aborted) {
          const failure = e instanceof Error ? e.message : String(e);
          this.outcomes.set(subnet.cidr, { ...sweepOf(subnet, deps.session.now()), failure });
        }
        throw e;
      }
      this.outcomes.set(subnet.cidr, {
        ...sweepOf(subnet, deps.session.now()),
        candidates: report.candidates,
        identified: report.identified,
        loginFailed: report.loginFailed,
        errors: report.errors.length,
        ...(report.errors[0] ? { firstError: report.errors[0].message } : {}),
      });
      subnets.push(report);
      done.push(subnet);
    }
    // Only subnets swept to the end (and still enabled) say which of their devices are missing.
    const enabled = deps.subnets();
    const sweptSubnets = done.filter((s) => enabled.some((e) => e.cidr === s.cidr));
    const swept = (d: InventoryDevice) => sweptSubnets.some((s) => inSubnet(d.host, s));
    const devices = deps.devices().filter((d) => d.parentId === undefined && swept(d));
    const missing = devices.filter((d) => !found.has(d.id) && !deps.isLive(d.host, d.port)).map((d) => d.id);
    const gone = new Set(missing);
    const back = devices.filter((d) => d.missing === true && !gone.has(d.id)).map((d) => d.id);
    if (missing.length > 0) await deps.markMissing(missing, true);
    if (back.length > 0) await deps.markMissing(back, false);
    const report = { startedAt, finishedAt: deps.session.now(), subnets, found: [...found], missing };
    this.last = report;
    deps.logger.info(
      { found: report.found.length, missing: missing.length, ms: report.finishedAt - startedAt },
      'discovery finished',
    );
    return report;
  }

  private async sweepSubnet(subnet: SubnetSpec, found: Set<DeviceId>): Promise<SubnetReport> {
    const { deps } = this;
    const report: SubnetReport = {
      cidr: subnet.cidr,
      interface: subnet.interface,
      candidates: 0,
      known: 0,
      identified: 0,
      loginFailed: 0,
      errors: [],
    };
    const seen = new Map<string, Candidate>();
    for (const method of deps.methods) {
      for (const c of await method.find(subnet, this.abort.signal)) seen.set(`${c.host}:${c.port}`, c);
    }
    const candidates = [...seen.values()];
    report.candidates = candidates.length;
    const byAddress = new Map<string, InventoryDevice>();
    const children = new Map<DeviceId, DeviceId[]>();
    for (const d of deps.devices()) {
      if (d.parentId !== undefined) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.id]);
      // A placeholder (login refused when found) is fingerprinted again: it may be identifiable now.
      else if (!isAddressId(d.id)) byAddress.set(`${d.host}:${d.port}`, d);
    }
    await mapBounded(candidates, deps.concurrency, async (candidate) => {
      const known = byAddress.get(`${candidate.host}:${candidate.port}`);
      if (known && deps.isLive(candidate.host, candidate.port)) {
        report.known++;
        found.add(known.id);
        for (const id of children.get(known.id) ?? []) found.add(id);
        return;
      }
      const driver = deps.drivers.for(candidate.family);
      if (!driver) return;
      try {
        const fingerprint = await driver.fingerprint(candidate, {
          subnet,
          serverName: deps.serverName,
          credentials: deps.credentialsToTry(candidate),
          session: deps.session,
        });
        const ids = await deps.accept(fingerprint, candidate);
        if (fingerprint.unidentified) report.loginFailed++;
        else report.identified++;
        for (const id of ids) found.add(id);
      } catch (e) {
        report.errors.push({ host: candidate.host, port: candidate.port, message: (e as Error).message });
      }
    });
    return report;
  }
}

const sweepOf = (subnet: SubnetSpec, at: number): SubnetSweep => ({
  cidr: subnet.cidr,
  interface: subnet.interface,
  at,
  candidates: 0,
  identified: 0,
  loginFailed: 0,
  errors: 0,
});
