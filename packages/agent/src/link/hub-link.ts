import WebSocket from 'ws';
import type { Logger } from 'pino';
import { Compile } from 'typebox/compile';
import {
  HubFrame,
  LinkClose,
  linkProtocolVersion,
  type AgentFrame,
  type AgentHealth,
  type AgentUpdateEvent,
  type AgentUpdateInfo,
  type LinkChange,
  type LinkDevice,
  type OfferedAgentBuild,
} from '@crosspoint/protocol';
import type { LinkBuffer } from './link-buffer.ts';
import { tlsProblem, type HubTrust } from './hub-trust.ts';

const checkHubFrame = Compile(HubFrame);

/** What the link needs from the agent. */
export interface LinkSource {
  inventory(): LinkDevice[];
  onChange(listener: (change: LinkChange) => void): () => void;
  /** A device's configuration was changed by someone else: told to hubs that take `config-changed`. */
  onConfigChange?(listener: (deviceId: string) => void): () => void;
  subnets(): { enabled: number; total: number };
  /** Called when a subnet is enabled or disabled (the counts may have changed). */
  onSubnetsChange?(listener: () => void): () => void;
  sessions(): number;
  /**
   * Runs a command the hub sent; resolves with a JSON-safe result, rejects with `{ code, message }`-like
   * errors. `commandId` is the hub's job id: the hub sends a job again after a restart or a lost link.
   */
  command(
    commandId: string,
    deviceId: string,
    command: Record<string, unknown>,
    onProgress: (percent: number, phase: string) => void,
  ): Promise<unknown>;
}

export type LinkState =
  | { state: 'connecting' }
  | {
      state: 'connected';
      organization: string;
      since: number;
      /** The agent build the hub offers, when it announces one (newer or not). */
      hubAgentBuild?: OfferedAgentBuild;
    }
  | {
      state: 'disconnected';
      reason: string;
      retryInMs: number;
      /** The hub's TLS certificate was not accepted: Node's code (e.g. `SELF_SIGNED_CERT_IN_CHAIN`). */
      certificate?: string;
    }
  | { state: 'refused'; reason: string; retryInMs: number };

export interface HubLinkOptions {
  /** The hub's URL, or several hubs' comma-separated: the link fails over between them. */
  hubUrl: string;
  /** `<account name>@<organization code>` from the hub's Servers screen. */
  login: string;
  password: string;
  agentVersion: string;
  buffer: LinkBuffer;
  source: LinkSource;
  logger: Logger;
  /** After a change is sent, further changes wait up to this long and travel together (default 200 ms). */
  batchMs?: number;
  heartbeatMs?: number;
  /**
   * The agent's health report for a heartbeat, given the backlog: its issues set monitoring to
   * `issue` for any hub; the report itself goes only to hubs whose welcome says they take it.
   */
  health?: (backlog: number) => AgentHealth;
  onState?: (s: LinkState) => void;
  /** The agent's self-update, for hubs whose welcome says `selfUpdate: true`. */
  updates?: LinkUpdates;
  /** CAs a wss:// hub's certificate must chain to (`--hub-ca` and the public ones); default: Node's. */
  trust?: HubTrust | undefined;
}

/** What the link does for the agent's self-update (update/self-update.ts). */
export interface LinkUpdates {
  /** The setting and state, sent with every heartbeat. */
  info(): AgentUpdateInfo;
  /** Linked to a hub that takes update steps: `report` sends one. */
  linked(report: (event: AgentUpdateEvent) => void): void;
  unlinked(): void;
  /** The hub offers a build; `requested`: a person pressed Update. */
  offered(build: OfferedAgentBuild, requested: boolean): void;
}

export interface HubLink {
  state(): LinkState;
  /** The base URL of the hub this link is connected to (or tries next): files and builds come from it. */
  hubUrl(): string;
  /** Changes waiting for the hub's acknowledgement (on disk). */
  pending(): number;
  close(): Promise<void>;
}

/**
 * The agent's one outbound connection to its hub (`/agent/v1`). Changes are written to the disk
 * buffer first, sent in batches, and dropped when acknowledged. On (re)connect the agent replays
 * what the hub has not stored, then sends a compact full inventory. Reconnects with jittered
 * exponential backoff; a refused login backs off longer.
 */
export function startHubLink(o: HubLinkOptions): HubLink {
  const bases = hubBaseUrls(o.hubUrl);
  const urls = bases.map((b) => `${b.replace(/^http/, 'ws')}/agent/v1`);
  // Agents start on a hub of their own choosing, so a fleet spreads over the hubs; each reconnect
  // (after the jittered backoff) tries the next one, so a hub that is gone is left at once.
  let hubIndex = Math.floor(Math.random() * urls.length);
  const batchMs = o.batchMs ?? 200;
  let socket: WebSocket | undefined;
  let current: LinkState = { state: 'connecting' };
  let attempt = 0;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let batchTimer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let queued: LinkChange[] = [];
  let writing = Promise.resolve();
  let ready = false;
  /** The subnet counts this connection last told the hub (hello, then heartbeats). */
  let toldSubnets = '';
  /** The hub of this connection takes health reports (its welcome said so). */
  let hubTakesHealth = false;
  /** … and update steps, and may offer builds. */
  let hubTakesUpdates = false;
  /** The hub of this connection takes `config-changed` frames (its welcome said so). */
  let hubTakesConfigChanges = false;

  const setState = (s: LinkState) => {
    current = s;
    o.onState?.(s);
  };
  const send = (frame: AgentFrame) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  };
  /**
   * Results of commands that ended while no hub was linked: kept (in memory) and sent once linked
   * again, to whichever hub; the hub takes a result on any link. (A hub that sends the job again
   * gets it from the command ledger too.)
   */
  const unsentResults = new Map<string, AgentFrame>();
  const sendResult = (frame: AgentFrame & { type: 'command-result' }) => {
    if (ready && socket?.readyState === WebSocket.OPEN) send(frame);
    else unsentResults.set(frame.commandId, frame);
  };

  const flush = () => {
    batchTimer = undefined;
    if (queued.length === 0) return;
    const changes = queued;
    queued = [];
    writing = writing
      .then(async () => {
        const batch = await o.buffer.append(changes);
        if (ready) send({ type: 'deltas', seq: batch.seq, changes: batch.changes });
      })
      .catch((e: unknown) => o.logger.error({ err: e }, 'hub link: buffering changes failed'));
  };

  // The first change after a quiet spell goes out at once (detection latency); what follows
  // within `batchMs` of it waits and travels together (a flapping site costs few frames).
  let quietUntil = 0;
  const offChange = o.source.onChange((change) => {
    queued.push(change);
    const now = Date.now();
    if (queued.length >= 2000 || (batchTimer === undefined && now >= quietUntil)) {
      if (batchTimer) clearTimeout(batchTimer);
      flush();
      quietUntil = now + batchMs;
    } else batchTimer ??= setTimeout(flush, Math.max(0, quietUntil - now));
  });

  // A change seen while the link is down is not kept: the nightly backup finds it.
  const offConfigChange = o.source.onConfigChange?.((deviceId) => {
    if (ready && hubTakesConfigChanges) send({ type: 'config-changed', deviceId, at: Date.now() });
  });

  const scheduleReconnect = (refused: boolean, reason: string, certificate?: string) => {
    if (closed) return;
    attempt++;
    const base = refused ? 30_000 : Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
    const delay = Math.round(base * (0.5 + Math.random() * 0.5));
    setState(
      refused
        ? { state: 'refused', reason, retryInMs: delay }
        : { state: 'disconnected', reason, retryInMs: delay, ...(certificate ? { certificate } : {}) },
    );
    retryTimer = setTimeout(connect, delay);
  };

  /**
   * Runs in the same chain as buffering, so no batch can be appended between the replay and the
   * inventory: later batches get numbers after the inventory's and are sent live.
   */
  const onWelcome = async (lastSeq: number, organization: string, hubAgentBuild?: OfferedAgentBuild) => {
    await o.buffer.acknowledge(lastSeq);
    for (const batch of o.buffer.unacknowledged(lastSeq))
      send({ type: 'deltas', seq: batch.seq, changes: batch.changes });
    send({ type: 'inventory', seq: await o.buffer.nextSeq(), devices: o.source.inventory() });
    ready = true;
    attempt = 0;
    for (const frame of unsentResults.values()) send(frame);
    unsentResults.clear();
    setState({
      state: 'connected',
      organization,
      since: Date.now(),
      ...(hubAgentBuild ? { hubAgentBuild } : {}),
    });
    if (hubTakesUpdates && o.updates) {
      o.updates.linked((event) => send({ type: 'agent-update', event }));
      if (hubAgentBuild) o.updates.offered(hubAgentBuild, false);
    }
    heartbeat = setInterval(sendHeartbeat, o.heartbeatMs ?? 30_000);
    // The first report at once: the Servers screen need not wait a heartbeat for CPU, issues…
    if (o.health) sendHeartbeat();
  };

  /**
   * Carries the subnet counts only when they changed since the hub was last told: an older hub that
   * rejects the field closes the link, and the reconnect's hello brings the new counts anyway.
   */
  function sendHeartbeat() {
    const subnets = o.source.subnets();
    const changed = JSON.stringify(subnets) !== toldSubnets;
    let health: AgentHealth | undefined;
    try {
      health = o.health?.(o.buffer.size() + queued.length);
    } catch (e) {
      o.logger.warn({ err: e }, 'hub link: the health report failed');
    }
    send({
      type: 'heartbeat',
      at: Date.now(),
      monitoring: health && health.issues.length > 0 ? 'issue' : 'active',
      sessions: o.source.sessions(),
      ...(changed ? { subnets } : {}),
      ...(health && hubTakesHealth ? { health } : {}),
      ...(o.updates && hubTakesUpdates ? { update: o.updates.info() } : {}),
    });
    if (changed) toldSubnets = JSON.stringify(subnets);
  }
  const offSubnets = o.source.onSubnetsChange?.(() => {
    if (ready) sendHeartbeat();
  });

  function connect() {
    if (closed) return;
    setState({ state: 'connecting' });
    const url = urls[hubIndex % urls.length] as string;
    const ws = new WebSocket(url, {
      headers: { authorization: `Basic ${Buffer.from(`${o.login}:${o.password}`).toString('base64')}` },
      perMessageDeflate: true,
      handshakeTimeout: 10_000,
      ...(o.trust ? { ca: o.trust.ca } : {}),
    });
    socket = ws;
    /** A TLS failure of this attempt (the close that follows says only 1006). */
    let tls: ReturnType<typeof tlsProblem>;
    ws.on('open', () => {
      const subnets = o.source.subnets();
      toldSubnets = JSON.stringify(subnets);
      send({
        type: 'hello',
        v: linkProtocolVersion,
        agentVersion: o.agentVersion,
        instance: o.buffer.instance,
        subnets,
      });
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary || !Buffer.isBuffer(data)) return;
      let frame: unknown;
      try {
        frame = JSON.parse(data.toString('utf8'));
      } catch {
        return;
      }
      if (!checkHubFrame.Check(frame)) {
        o.logger.warn('hub link: ignoring a frame this agent does not understand');
        return;
      }
      if (frame.type === 'welcome') {
        hubTakesHealth = frame.health === true;
        hubTakesUpdates = frame.selfUpdate === true;
        hubTakesConfigChanges = frame.configChanges === true;
        const welcome = writing.then(() => onWelcome(frame.lastSeq, frame.organization, frame.agentBuild));
        writing = welcome.catch(() => undefined);
        welcome.catch((e: unknown) => {
          o.logger.error({ err: e }, 'hub link: resync failed');
          ws.close();
        });
      } else if (frame.type === 'ack') {
        if (closed) return; // the buffer is being closed; the hub resends its lastSeq next time
        writing = writing.then(() => o.buffer.acknowledge(frame.seq)).catch(() => undefined);
      } else if (frame.type === 'update-agent') {
        if (hubTakesUpdates) o.updates?.offered(frame.build, frame.requested === true);
      } else {
        const commandId = frame.commandId;
        let lastProgress = 0;
        o.source
          .command(commandId, frame.deviceId, frame.command, (percent, phase) => {
            if (Date.now() - lastProgress < 250 && percent < 100) return;
            lastProgress = Date.now();
            send({
              type: 'job-progress',
              commandId,
              percent: Math.max(0, Math.min(100, percent)),
              phase: phase.slice(0, 80),
            });
          })
          .then(
            (result) => sendResult({ type: 'command-result', commandId, ok: true, result: jsonSafe(result) }),
            (e: unknown) => {
              const err = e as { code?: unknown; message?: unknown };
              sendResult({
                type: 'command-result',
                commandId,
                ok: false,
                error: {
                  code: typeof err.code === 'string' ? err.code.slice(0, 64) : 'FAILED',
                  message: String(err.message ?? e).slice(0, 2000),
                },
              });
            },
          );
      }
    });
    ws.on('error', (e) => {
      tls ??= tlsProblem(e);
      o.logger.debug({ err: e }, 'hub link error');
    });
    ws.on('close', (code, reasonBuffer) => {
      ready = false;
      clearInterval(heartbeat);
      if (socket === ws) socket = undefined;
      if (hubTakesUpdates) o.updates?.unlinked();
      const reason = tls?.reason ?? (reasonBuffer.toString() || `connection closed (${String(code)})`);
      const refused =
        code === LinkClose.BadCredentials ||
        code === LinkClose.Disabled ||
        code === LinkClose.UnsupportedVersion;
      if (!closed) o.logger.warn({ code, reason, hub: url }, 'hub link closed');
      hubIndex++;
      scheduleReconnect(refused, reason, tls?.certificate);
    });
  }

  connect();
  return {
    state: () => current,
    hubUrl: () => bases[hubIndex % bases.length] as string,
    pending: () => o.buffer.size() + queued.length,
    close: async () => {
      closed = true;
      offChange();
      offConfigChange?.();
      offSubnets?.();
      clearTimeout(retryTimer);
      clearInterval(heartbeat);
      if (batchTimer) {
        clearTimeout(batchTimer);
        flush();
      }
      await writing;
      socket?.close(1000, 'agent stopping');
      // Closed in the buffering chain: a frame that arrived meanwhile cannot rewrite the buffer alongside.
      const closing = writing.then(() => o.buffer.close());
      writing = closing.catch(() => undefined);
      await closing;
    },
  };
}

/** The base URLs (http or https) of a hub URL, or of several comma-separated. */
export function hubBaseUrls(hubUrl: string): string[] {
  return hubUrl
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u.length > 0)
    .map((u) => u.replace(/^ws/, 'http').replace(/\/$/, ''));
}

/** Results can hold file contents (backups, logs): those stay on the agent; the hub gets their size. */
function jsonSafe(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value ?? null, (_k, v: unknown) =>
      v instanceof Uint8Array ? { bytes: v.byteLength } : v,
    ),
  ) as unknown;
}
