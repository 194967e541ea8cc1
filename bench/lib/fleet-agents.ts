// The fleet scenario's scripted agents, in a few worker processes (bench/programs/fleet-agents.ts),
// steered over IPC: start them on hub URLs, churn, set statuses, move them to other hubs, read back
// every device's status. Keeps, per agent, when it last linked and loaded (inventory acknowledged).
import { spawn, type ChildProcess } from 'node:child_process';
import { workerShares } from './fleet-plan.ts';

/** One scripted agent: its account, the generated site it reports, how many devices. */
export interface AgentSpec {
  /** 0-based, unique in the fleet: the agent's place in the hub URL rotation too. */
  index: number;
  login: string;
  /** Site number for `benchFleet` (device ids and serials unique across sites). */
  site: number;
  devices: number;
  /** false: this agent sends no churn (the burst site, so every alert email is the burst's). */
  churn?: boolean;
}

export type FleetCommand =
  | { t: 'start'; hubs: string[]; password: string; agents: AgentSpec[]; spacingMs: number }
  | { t: 'churn'; percentPerMinute: number }
  | {
      t: 'set';
      ref: number;
      agent: number;
      updates: { id: string; status: string }[];
      kind: 'sample' | 'burst' | 'churn';
    }
  | { t: 'hubs'; hubs: string[] }
  | { t: 'states'; ref: number }
  | { t: 'stop' };

export type FleetEvent =
  | { t: 'ready' }
  | { t: 'linked' | 'loaded'; agent: number; hub: string; at: number }
  | { t: 'unlinked'; agent: number; hub: string; code: number; at: number }
  | { t: 'command'; agent: number; hub: string; commandId: string; at: number }
  | { t: 'changed'; agent: number; id: string; status: string; at: number; kind: string }
  | { t: 'set'; ref: number; at: number; changed: number }
  | {
      t: 'states';
      ref: number;
      states: [string, string][];
      backlog: number;
      cpuMs: number;
      rssMiB: number;
    };

export interface AgentLink {
  hub: string | undefined;
  linkedAt: number;
  loadedAt: number;
}

export interface AgentFleet {
  pids: number[];
  /** Wall clock when the first worker was told to link its agents. */
  startedAt: number;
  links: AgentLink[];
  /** Churn changes sent since start (counted as the workers report them). */
  churned: () => number;
  /** Commands received: job id → when and on which hub. */
  commands: Map<string, { agent: number; hub: string; at: number }>;
  churn(percentPerMinute: number): void;
  /** Sets statuses of one agent's devices in one frame; resolves with the frame's `at` and how many changed. */
  set(
    agent: number,
    updates: { id: string; status: string }[],
    kind: 'sample' | 'burst',
  ): Promise<{ at: number; changed: number }>;
  hubs(urls: string[]): void;
  /** Every device's status as the agents have it, their unacknowledged changes, their CPU and memory. */
  states(): Promise<{ states: Map<string, string>; backlog: number; cpuMs: number; rssMiB: number }>;
  /** Agents loaded (inventory acknowledged) at or after `since` (wall clock). */
  loadedSince(since: number): number;
  stop(): Promise<void>;
}

/** Starts `workers` processes sharing `agents` round-robin, every agent linking to `hubUrls`. */
export async function startAgentFleet(
  agents: readonly AgentSpec[],
  workers: number,
  hubUrls: string[],
  password: string,
  spacingMs = 20,
): Promise<AgentFleet> {
  const links: AgentLink[] = agents.map(() => ({ hub: undefined, linkedAt: 0, loadedAt: 0 }));
  const commands = new Map<string, { agent: number; hub: string; at: number }>();
  let churned = 0;
  let ref = 0;
  let startedAt = 0;
  const waiting = new Map<number, (e: FleetEvent) => void>();
  const onEvent = (e: FleetEvent) => {
    if (e.t === 'linked') {
      const l = links[e.agent];
      if (l) Object.assign(l, { hub: e.hub, linkedAt: e.at });
    } else if (e.t === 'loaded') {
      const l = links[e.agent];
      if (l) l.loadedAt = e.at;
    } else if (e.t === 'unlinked') {
      const l = links[e.agent];
      if (l?.hub === e.hub) l.hub = undefined;
    } else if (e.t === 'command') {
      commands.set(e.commandId, { agent: e.agent, hub: e.hub, at: e.at });
    } else if (e.t === 'changed') {
      if (e.kind === 'churn') churned++;
    } else if (e.t === 'set' || e.t === 'states') {
      waiting.get(e.ref)?.(e);
      waiting.delete(e.ref);
    }
  };
  const shares = workerShares(agents, workers);
  const children: ChildProcess[] = await Promise.all(
    shares.map(
      (share) =>
        new Promise<ChildProcess>((resolve, reject) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'bench/programs/fleet-agents.ts'], {
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          });
          child.once('error', reject);
          child.once('exit', (code) => reject(new Error(`fleet-agents exited with ${String(code)}`)));
          child.on('message', (m) => {
            const e = m as FleetEvent;
            if (e.t === 'ready') {
              startedAt ||= Date.now();
              child.send({
                t: 'start',
                hubs: hubUrls,
                password,
                agents: share,
                spacingMs,
              } satisfies FleetCommand);
              resolve(child);
            } else onEvent(e);
          });
        }),
    ),
  );
  const workerOf = new Map<number, ChildProcess>();
  shares.forEach((share, w) => {
    for (const a of share) workerOf.set(a.index, children[w] as ChildProcess);
  });
  const ask = (child: ChildProcess, command: FleetCommand & { ref: number }) =>
    new Promise<FleetEvent>((resolve) => {
      waiting.set(command.ref, resolve);
      child.send(command);
    });
  return {
    pids: children.map((c) => c.pid ?? 0),
    startedAt,
    links,
    churned: () => churned,
    commands,
    churn(percentPerMinute) {
      for (const c of children) c.send({ t: 'churn', percentPerMinute } satisfies FleetCommand);
    },
    async set(agent, updates, kind) {
      const child = workerOf.get(agent);
      if (!child) throw new Error(`no agent ${agent}`);
      const e = await ask(child, { t: 'set', ref: ++ref, agent, updates, kind });
      return e.t === 'set' ? { at: e.at, changed: e.changed } : { at: Date.now(), changed: 0 };
    },
    hubs(urls) {
      for (const c of children) c.send({ t: 'hubs', hubs: urls } satisfies FleetCommand);
    },
    async states() {
      const answers = await Promise.all(children.map((c) => ask(c, { t: 'states', ref: ++ref })));
      const states = new Map<string, string>();
      let backlog = 0;
      let cpuMs = 0;
      let rssMiB = 0;
      for (const a of answers) {
        if (a.t !== 'states') continue;
        for (const [id, status] of a.states) states.set(id, status);
        backlog += a.backlog;
        cpuMs += a.cpuMs;
        rssMiB += a.rssMiB;
      }
      return { states, backlog, cpuMs, rssMiB };
    },
    loadedSince: (since) => links.filter((l) => l.loadedAt >= since).length,
    async stop() {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.exitCode !== null) {
                resolve();
                return;
              }
              c.removeAllListeners('exit');
              c.once('exit', () => resolve());
              c.send({ t: 'stop' } satisfies FleetCommand);
              setTimeout(() => c.kill('SIGKILL'), 5000).unref();
            }),
        ),
      );
    },
  };
}
