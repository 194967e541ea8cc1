// The moving parts of the device-side scenarios, each in its own process: a simulated site, the agent
// under test, and polling monitors (the baseline). Faults go through the simulator's control API,
// timed in this process.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild, type ChildProgram } from './child-program.ts';
import type { Injection, Observation } from './detection.ts';

export type SimKind = 'box' | 'peripheral' | 'mic' | 'codec';

/** A device as the simulator's control API lists it (the fields the bench uses). */
export interface SimDevice {
  id: string;
  kind: SimKind;
  ip: string;
  port: number | null;
}

export interface SimSite {
  child: ChildProgram;
  controlUrl: string;
  subnets: { cidr: string; name: string }[];
  telnetPort: number;
  ftpPort: number;
  micPort: number;
  videoPort: number;
  devices: SimDevice[];
  /** Devices with their own address and port (boxes, mics, codecs): one agent session each. */
  networkDevices: SimDevice[];
}

export const keyOf = (d: { ip: string; port: number | null }): string => `${d.ip}:${String(d.port)}`;

export async function startSimSite(
  devices: number,
  seed: number,
  subnetBase: string,
  timing: Record<string, number> = {},
): Promise<SimSite> {
  const child = await startChild(
    'bench/programs/sim-site.ts',
    [String(devices), String(seed), subnetBase, JSON.stringify(timing)],
    /sim-site ready (\{.*\})$/,
    {
      timeoutMs: 120_000,
    },
  );
  try {
    const info = JSON.parse(child.ready) as Omit<SimSite, 'child' | 'devices' | 'networkDevices'>;
    const res = await fetch(`${info.controlUrl}/devices`);
    if (!res.ok) throw new Error(`GET /devices answered ${res.status}`);
    const listed = ((await res.json()) as { devices: SimDevice[] }).devices;
    return { child, ...info, devices: listed, networkDevices: listed.filter((d) => d.port !== null) };
  } catch (e) {
    await child.stop();
    throw e;
  }
}

/** The `--subnets` value that makes an agent sweep exactly the simulated subnets. */
export const agentSubnets = (site: SimSite): string =>
  site.subnets.map((s) => `${s.cidr}:${site.telnetPort}@${s.name}`).join(',');

export interface AgentChange extends Observation {
  status: string;
  previous: string | null;
}

export interface AgentProbe {
  child: ChildProgram;
  /** What the ready line said: sessions up, sessions held, ms from start. */
  ready: { up: number; sessions: number; ms: number };
  /** Wall clock (ms) when the ready line arrived. */
  readyAt: number;
  /** Every status change of a directly reachable device, in arrival order. */
  changes: AgentChange[];
  /** The discovery report line, once the sweep is done. */
  discovered(): Record<string, number> | undefined;
  /** Latest status per device key. */
  statusOf(key: string): string | undefined;
}

/** Starts the agent on the site's subnets and waits until `expect` sessions are up (the idle agent when `site` is undefined). */
export async function startAgentProbe(
  site: SimSite | undefined,
  expect: number,
  timeoutMs: number,
  log?: (line: string) => void,
  onSpawn?: (pid: number) => void,
  /** More arguments (e.g. the hub to link to) and a listener for the other event lines. */
  extra: { args?: string[]; onEvent?: (event: { t: string } & Record<string, unknown>) => void } = {},
): Promise<AgentProbe> {
  const changes: AgentChange[] = [];
  const latest = new Map<string, string>();
  let discovered: Record<string, number> | undefined;
  const args = site
    ? [
        '--subnets',
        agentSubnets(site),
        '--expect',
        String(expect),
        '--ftp-port',
        String(site.ftpPort),
        '--mic-port',
        String(site.micPort),
        '--video-port',
        String(site.videoPort),
      ]
    : ['--expect', '0'];
  args.push(...(extra.args ?? []));
  const child = await startChild('bench/programs/agent-probe.ts', args, /agent-probe ready (\{.*\})$/, {
    timeoutMs,
    keepOutput: false,
    ...(onSpawn ? { onSpawn } : {}),
    onLine: (line) => {
      if (!line.startsWith('{"t":')) return;
      const event = JSON.parse(line) as { t: string } & Record<string, unknown>;
      if (event.t === 'change') {
        const c = event as unknown as AgentChange;
        changes.push({ key: c.key, at: c.at, status: c.status, previous: c.previous });
        latest.set(c.key, c.status);
      } else if (event.t === 'discovered') {
        const { t: _t, ...report } = event;
        discovered = report as Record<string, number>;
        log?.(`agent sweep done in ${String(event.ms)} ms: ${String(event.found)} devices identified`);
      } else if (event.t === 'progress') {
        log?.(
          `agent: ${String(event.sessions)} sessions, ${String(event.up)} up after ${String(event.ms)} ms`,
        );
      } else {
        extra.onEvent?.(event);
      }
    },
  });
  return {
    child,
    ready: JSON.parse(child.ready) as AgentProbe['ready'],
    readyAt: Date.now(),
    changes,
    discovered: () => discovered,
    statusOf: (key) => latest.get(key),
  };
}

export type PollVerdict = 'refused' | 'timeout' | 'silent' | 'closed';
export interface PollFailure extends Observation {
  verdict: PollVerdict;
}

export interface Poller {
  child: ChildProgram;
  intervalMs: number;
  timeoutMs: number;
  targets: number;
  failures: PollFailure[];
  stop(): Promise<void>;
}

/** Starts a polling monitor (bench/programs/tcp-poller.ts) over these devices. */
export async function startPoller(
  devices: readonly SimDevice[],
  intervalMs: number,
  timeoutMs: number,
  seed: number,
): Promise<Poller> {
  const dir = await mkdtemp(join(tmpdir(), 'cp-bench-poller-'));
  const file = join(dir, 'targets.json');
  await writeFile(
    file,
    JSON.stringify(devices.map((d) => ({ host: d.ip, port: d.port, banner: d.kind === 'box' }))),
  );
  const failures: PollFailure[] = [];
  const child = await startChild(
    'bench/programs/tcp-poller.ts',
    [file, String(intervalMs), String(timeoutMs), String(seed)],
    /tcp-poller ready (\{.*\})$/,
    {
      keepOutput: false,
      onLine: (line) => {
        if (line.startsWith('{"t":"fail"')) failures.push(JSON.parse(line) as PollFailure);
      },
    },
  );
  return {
    child,
    intervalMs,
    timeoutMs,
    targets: devices.length,
    failures,
    stop: async () => {
      await child.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** What a TCP-connect monitor notices (Uptime Kuma's "TCP Port"): the connection fails. */
export const connectFailed = (f: PollFailure): boolean => f.verdict === 'refused' || f.verdict === 'timeout';

/** Sets a fault through the control API; `before`/`after` bracket the call in this process's clock. */
export async function injectFault(site: SimSite, device: SimDevice, fault: string): Promise<Injection> {
  const before = Date.now();
  const res = await fetch(`${site.controlUrl}/faults/${encodeURIComponent(device.id)}/${fault}`, {
    method: 'PUT',
  });
  const after = Date.now();
  if (!res.ok)
    throw new Error(`setting ${fault} on ${device.id} answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
  return { key: keyOf(device), fault, before, after };
}

export async function clearFaults(site: SimSite): Promise<void> {
  const res = await fetch(`${site.controlUrl}/faults`, { method: 'DELETE' });
  if (!res.ok) throw new Error(`clearing faults answered ${res.status}`);
  await res.arrayBuffer();
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Injects each planned fault at its offset from now (ms), one call at a time. */
export async function injectPlan(
  site: SimSite,
  plan: readonly { device: SimDevice; fault: string; offsetMs: number }[],
): Promise<Injection[]> {
  const start = Date.now();
  const out: Injection[] = [];
  for (const step of plan) {
    const wait = start + step.offsetMs - Date.now();
    if (wait > 0) await sleep(wait);
    out.push(await injectFault(site, step.device, step.fault));
  }
  return out;
}

/** Resolves true as soon as `done()` holds, false once `timeoutMs` passed. */
export async function waitUntil(done: () => boolean, timeoutMs: number, stepMs = 100): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() >= until) return false;
    await sleep(stepMs);
  }
  return true;
}

/** Stops every program given, even when some fail to stop. */
export async function stopAll(...programs: ({ stop(): Promise<unknown> } | undefined)[]): Promise<void> {
  await Promise.allSettled(programs.flatMap((p) => (p ? [p.stop()] : [])));
}
