// Many scripted agents in one process for the fleet scenario (bench/lib/fleet-agents.ts starts a few
// of these): each speaks the real /agent/v1 link over its own WebSocket — hello, inventory after every
// (re)connect, deltas kept until acknowledged and resent after the hub's `lastSeq`, heartbeats every
// 30 s, a result for every command — and reconnects as the agent does (0.5–1 s after a link that was
// up, doubling to 30 s while no hub answers, moving to the next hub URL). Steered by IPC messages
// from the bench (`FleetCommand`), it reports what it did (`FleetEvent`) with wall-clock times.
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import type { LinkChange, LinkDevice } from '@crosspoint/protocol';
import type { AgentSpec, FleetCommand, FleetEvent } from '../lib/fleet-agents.ts';
import { churnIntervalMs, churnStatus } from '../lib/fleet-plan.ts';
import { benchFleet } from '../lib/link-load.ts';

/** To the bench, while it listens (after `stop`, closing links must not write to a closed channel). */
const send = (event: FleetEvent): void => {
  if (process.connected) process.send?.(event);
};

let hubs: string[] = [];
let password = '';
let churnPercent = 0;

class ScriptedAgent {
  readonly devices: LinkDevice[];
  private readonly byId = new Map<string, LinkDevice>();
  private readonly instance = `fleet-${randomBytes(6).toString('hex')}`;
  private seq = 1;
  private outbox: { seq: number; changes: LinkChange[] }[] = [];
  private socket: WebSocket | undefined;
  private linkedTo: string | undefined;
  private inventorySeq = -1;
  private failures = 0;
  private hubIndex: number;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private churnTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(readonly spec: AgentSpec) {
    this.devices = benchFleet(spec.site, spec.devices);
    for (const d of this.devices) this.byId.set(d.id, d);
    this.hubIndex = spec.index;
  }

  get backlog(): number {
    return this.outbox.reduce((n, f) => n + f.changes.length, 0);
  }

  connect(): void {
    if (this.stopped) return;
    const url = hubs[this.hubIndex % hubs.length] ?? '';
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/agent/v1`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${this.spec.login}:${password}`).toString('base64')}`,
      },
    });
    this.socket = socket;
    let welcomed = false;
    socket.on('open', () => {
      socket.send(
        JSON.stringify({
          type: 'hello',
          v: 1,
          agentVersion: '0.1.0-bench',
          instance: this.instance,
          subnets: { enabled: 1, total: 1 },
        }),
      );
    });
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as { type: string } & Record<string, unknown>;
      if (frame.type === 'welcome') {
        welcomed = true;
        this.failures = 0;
        this.linkedTo = url;
        this.onWelcome(socket, Number(frame.lastSeq));
        send({ t: 'linked', agent: this.spec.index, hub: url, at: Date.now() });
      } else if (frame.type === 'ack') {
        this.onAck(Number(frame.seq));
      } else if (frame.type === 'command') {
        const commandId = String(frame.commandId);
        send({ t: 'command', agent: this.spec.index, hub: url, commandId, at: Date.now() });
        socket.send(JSON.stringify({ type: 'command-result', commandId, ok: true }));
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', (code) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.linkedTo = undefined;
      clearInterval(this.heartbeatTimer);
      if (welcomed) send({ t: 'unlinked', agent: this.spec.index, hub: url, code, at: Date.now() });
      this.scheduleReconnect(welcomed);
    });
  }

  /** Moves to another hub list: agent `index` takes `hubs[index % n]`, relinking now if elsewhere. */
  relink(): void {
    const want = hubs[this.spec.index % hubs.length];
    this.hubIndex = this.spec.index;
    if (this.linkedTo === want) return;
    clearTimeout(this.reconnectTimer);
    this.failures = 0;
    const socket = this.socket;
    if (socket) {
      this.socket = undefined;
      this.linkedTo = undefined;
      clearInterval(this.heartbeatTimer);
      socket.removeAllListeners('close');
      socket.terminate();
    }
    this.connect();
  }

  private scheduleReconnect(wasUp: boolean): void {
    if (this.stopped) return;
    if (!wasUp) {
      this.failures++;
      this.hubIndex++;
    }
    const delay = wasUp
      ? 500 + Math.random() * 500
      : Math.min(30_000, 1000 * 2 ** (this.failures - 1)) * (0.5 + Math.random() * 0.5);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private onWelcome(socket: WebSocket, lastSeq: number): void {
    this.outbox = this.outbox.filter((f) => f.seq > lastSeq);
    this.seq = Math.max(this.seq, lastSeq + 1, ...this.outbox.map((f) => f.seq + 1));
    for (const f of this.outbox)
      socket.send(JSON.stringify({ type: 'deltas', seq: f.seq, changes: f.changes }));
    this.inventorySeq = this.seq++;
    socket.send(JSON.stringify({ type: 'inventory', seq: this.inventorySeq, devices: this.devices }));
    this.heartbeatTimer = setInterval(() => {
      socket.send(
        JSON.stringify({
          type: 'heartbeat',
          at: Date.now(),
          monitoring: 'active',
          sessions: this.devices.length,
        }),
      );
    }, 30_000);
  }

  private onAck(seq: number): void {
    this.outbox = this.outbox.filter((f) => f.seq > seq);
    if (seq === this.inventorySeq)
      send({ t: 'loaded', agent: this.spec.index, hub: this.linkedTo ?? '', at: Date.now() });
  }

  /** Devices set to statuses now, in one deltas frame (kept until acknowledged); returns `at`. */
  change(
    updates: { id: string; status: string }[],
    kind: 'churn' | 'sample' | 'burst',
  ): { at: number; changed: number } {
    const at = Date.now();
    const changes: LinkChange[] = [];
    for (const u of updates) {
      const d = this.byId.get(u.id);
      if (!d || d.status === u.status) continue;
      d.status = u.status;
      d.since = at;
      changes.push({ id: d.id, status: u.status, since: at, at });
    }
    if (changes.length === 0) return { at, changed: 0 };
    const frame = { seq: this.seq++, changes };
    this.outbox.push(frame);
    if (this.socket?.readyState === WebSocket.OPEN && this.linkedTo !== undefined)
      this.socket.send(JSON.stringify({ type: 'deltas', ...frame }));
    if (kind !== 'burst')
      for (const c of changes)
        send({ t: 'changed', agent: this.spec.index, id: c.id, status: c.status, at, kind });
    return { at, changed: changes.length };
  }

  /** One random device changes every interval (first one at a random point of it). */
  churn(): void {
    clearTimeout(this.churnTimer);
    if (this.spec.churn === false) return;
    const interval = churnIntervalMs(this.devices.length, churnPercent);
    if (!Number.isFinite(interval)) return;
    const step = (first: boolean) => {
      this.churnTimer = setTimeout(
        () => {
          const d = this.devices[Math.floor(Math.random() * this.devices.length)];
          if (d) this.change([{ id: d.id, status: churnStatus(d.status, Math.random()) }], 'churn');
          step(false);
        },
        first ? Math.random() * interval : interval,
      );
    };
    step(true);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.churnTimer);
    clearInterval(this.heartbeatTimer);
    this.socket?.terminate();
  }
}

const agents = new Map<number, ScriptedAgent>();

process.on('message', (raw) => {
  const m = raw as FleetCommand;
  switch (m.t) {
    case 'start':
      hubs = m.hubs;
      password = m.password;
      for (const spec of m.agents) agents.set(spec.index, new ScriptedAgent(spec));
      // Connections are opened a few at a time, so a worker does not stall on 125 handshakes at once.
      void (async () => {
        for (const a of agents.values()) {
          a.connect();
          await new Promise((r) => setTimeout(r, m.spacingMs));
        }
      })();
      break;
    case 'churn':
      churnPercent = m.percentPerMinute;
      for (const a of agents.values()) a.churn();
      break;
    case 'set': {
      const a = agents.get(m.agent);
      const r = a?.change(m.updates, m.kind) ?? { at: Date.now(), changed: 0 };
      send({ t: 'set', ref: m.ref, ...r });
      break;
    }
    case 'hubs':
      hubs = m.hubs;
      for (const a of agents.values()) a.relink();
      break;
    case 'states': {
      const states: [string, string][] = [];
      let backlog = 0;
      for (const a of agents.values()) {
        backlog += a.backlog;
        for (const d of a.devices) states.push([d.id, d.status]);
      }
      const usage = process.cpuUsage();
      send({
        t: 'states',
        ref: m.ref,
        states,
        backlog,
        cpuMs: (usage.user + usage.system) / 1000,
        rssMiB: process.memoryUsage().rss / 2 ** 20,
      });
      break;
    }
    case 'stop':
      for (const a of agents.values()) a.stop();
      process.disconnect();
      break;
  }
});
send({ t: 'ready' });
