import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startSimulator, type SimDeviceInfo, type Simulator, type SiteFile } from '@crosspoint/sim';
import type { DeviceId, DeviceStatus } from '@crosspoint/protocol';
import type { Agent, StartAgentOptions } from '../agent-api.ts';
import { startAgent } from '../agent.ts';
import { loadAgentConfig } from '../config.ts';
import { deviceIdOf } from '../inventory/inventory.ts';
import type { DeviceChange, SessionTimings } from '../sessions/session.ts';

/** Short session timings so fault → status tests take well under a second each. */
export const fastTimings: Partial<SessionTimings> = {
  keepAliveMs: 150,
  keepAliveTimeoutMs: 300,
  connectTimeoutMs: 500,
  loginTimeoutMs: 1000,
  commandTimeoutMs: 1500,
  backoff: { initialMs: 40, maxMs: 250, factor: 2 },
  loginFailedBackoff: { initialMs: 150, maxMs: 400, factor: 2 },
  restartTimeoutMs: 8000,
  videoPollMs: 150,
};

/** Simulator life cycle shortened to match. */
export const fastSimTiming = {
  firmwareUpdateMs: 400,
  restartMs: 300,
  configureMs: 250,
  flapPeriodMs: 400,
  ftpDataTimeoutMs: 2000,
  locateScale: 0.02,
};

export interface Rig {
  sim: Simulator;
  agent: Agent;
  dataDir: string;
  changes: DeviceChange[];
  /** Agent device id of a simulated device (by its sim id). */
  idOf(simId: string): DeviceId;
  simDevice(simId: string): SimDeviceInfo;
  /** Resolves once the device's session reports `status` (checked on every change), or rejects after `timeoutMs`. */
  waitFor(id: DeviceId, status: DeviceStatus, timeoutMs?: number): Promise<DeviceChange>;
  restartAgent(options?: StartAgentOptions): Promise<Agent>;
  close(): Promise<void>;
}

/** A simulator on the given site and an agent sweeping its subnets, discovery done. */
export async function startRig(
  site: SiteFile,
  options: { agent?: StartAgentOptions; discover?: boolean; subnets?: string } = {},
): Promise<Rig> {
  const sim = await startSimulator({ site, timing: fastSimTiming });
  const dataDir = await mkdtemp(join(tmpdir(), 'cp-agent-'));
  const subnets =
    options.subnets ?? sim.site.subnets.map((s) => `${s.cidr}:${sim.telnetPort}@${s.name}`).join(',');
  const config = loadAgentConfig(
    {
      dataDir,
      subnets,
      serverName: 'TestServer',
      ftpPort: String(sim.site.ftpPort),
      micPort: String(sim.site.micPort),
      videoPort: String(sim.site.videoPort),
      discoveryIntervalS: '0',
      logLevel: 'silent',
    },
    {},
  );
  const changes: DeviceChange[] = [];
  const waiters = new Set<() => void>();
  const logger = pino({ level: 'silent' });
  const start = async (extra?: StartAgentOptions) => {
    const a = await startAgent(config, {
      logger,
      timings: fastTimings,
      tickMs: 20,
      discoverOnStart: false,
      ...options.agent,
      ...extra,
    });
    a.onChange((c) => {
      changes.push(c);
      for (const w of [...waiters]) w();
    });
    return a;
  };
  let agent = await start();
  if (options.discover !== false) await agent.rediscover();
  const simDevice = (simId: string) => {
    const d = sim.device(simId);
    if (!d) throw new Error(`no simulated device ${simId}`);
    return d;
  };
  const idOf = (simId: string) => {
    const d = simDevice(simId);
    return deviceIdOf(d.family, d.serial);
  };
  const rig: Rig = {
    sim,
    get agent() {
      return agent;
    },
    dataDir,
    changes,
    idOf,
    simDevice,
    waitFor(id, status, timeoutMs = 4000) {
      return new Promise((resolve, reject) => {
        // The session's own word counts, not the status stored at discovery time.
        const check = () => {
          const last = changes.findLast((c) => c.deviceId === id);
          if (last?.status !== status || agent.device(id)?.status !== status) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(last);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `${id} did not become ${status} within ${timeoutMs} ms (is ${changes.findLast((c) => c.deviceId === id)?.status ?? 'unreported'})`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    async restartAgent(extra) {
      await agent.close();
      agent = await start(extra);
      return agent;
    },
    async close() {
      await agent.close();
      await sim.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return rig;
}
