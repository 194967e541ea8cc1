// The shape of the fleet scenario (bench/scenarios/fleet.ts), as pure functions: which client
// organization holds how many agent servers, which worker process runs which agents, how often an
// agent churns, what the agents and the hub must agree on afterwards.
import type { Summary } from './stats.ts';

/**
 * `agents` agent servers over `clients` client organizations: the first client holds `burstAgents`
 * of them (the site that loses power), the others share the rest evenly (the first ones one more
 * when it does not divide), each at least one. Returns the number of servers of each client.
 */
export function clientServers(agents: number, clients: number, burstAgents: number): number[] {
  if (clients < 1) throw new Error('a fleet needs at least one client organization');
  const rest = agents - burstAgents;
  if (burstAgents < 1 || rest < clients - 1)
    throw new Error(
      `${agents} agents cannot give ${burstAgents} to the first client and one to each of the other ${clients - 1}`,
    );
  if (clients === 1) return [agents];
  const base = Math.floor(rest / (clients - 1));
  const extra = rest % (clients - 1);
  return [burstAgents, ...Array.from({ length: clients - 1 }, (_, i) => base + (i < extra ? 1 : 0))];
}

/** Client `i`'s support organization: clients are dealt round-robin over `supports`. */
export const supportOfClient = (client: number, supports: number): number => client % supports;

/** Agent `i` of `agents` goes to worker `i % workers`: each worker a fair share of every client. */
export function workerShares<T>(items: readonly T[], workers: number): T[][] {
  const out: T[][] = Array.from({ length: Math.max(1, Math.min(workers, items.length)) }, () => []);
  items.forEach((item, i) => out[i % out.length]?.push(item));
  return out;
}

/**
 * Milliseconds between two status changes of one agent of `devices` devices when `percentPerMinute`
 * of the fleet changes per minute (Infinity: it never changes).
 */
export function churnIntervalMs(devices: number, percentPerMinute: number): number {
  const perMinute = (devices * percentPerMinute) / 100;
  return perMinute > 0 ? 60_000 / perMinute : Number.POSITIVE_INFINITY;
}

/** The status a churned device moves to: Down and back, with an occasional other issue. */
export function churnStatus(current: string, r: number): string {
  if (current !== 'Healthy') return 'Healthy';
  return r < 0.8 ? 'Down' : r < 0.9 ? 'Safety Mute On' : 'Login Failed';
}

export interface StateDiff {
  /** Devices the agents report that the hub does not have. */
  missing: string[];
  /** Devices whose status at the hub is not the agent's. */
  different: { id: string; agent: string; hub: string }[];
}

/** Every device's latest status at the agents against the hub's, device by device. */
export function diffStates(agents: ReadonlyMap<string, string>, hub: ReadonlyMap<string, string>): StateDiff {
  const missing: string[] = [];
  const different: StateDiff['different'] = [];
  for (const [id, status] of agents) {
    const stored = hub.get(id);
    if (stored === undefined) missing.push(id);
    else if (stored !== status) different.push({ id, agent: status, hub: stored });
  }
  return { missing, different };
}

/**
 * The tail figure a sample allows: its p99 from 200 samples on, else its maximum (a p99 of 40
 * samples is the maximum anyway), saying which.
 */
export function tailOf(s: Summary): { name: 'p99' | 'max'; value: number } {
  return s.count >= 200 ? { name: 'p99', value: s.p99 } : { name: 'max', value: s.max };
}
