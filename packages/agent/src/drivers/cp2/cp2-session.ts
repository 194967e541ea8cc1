import {
  cp2Dialect,
  modelByCode,
  overheatThresholdC,
  type Cp2Reply,
  type DeviceId,
  type UnitState,
  type VoipRegistration,
} from '@crosspoint/protocol';
import { DeviceError, DeviceErrorCode } from '../../commands/device-error.ts';
import { boxNumberOf, uaEndpointOf, type InventoryDevice } from '../../inventory/inventory.ts';
import { RetrySchedule, type BackoffPolicy } from '../../sessions/backoff.ts';
import { ChangeEmitter } from '../../sessions/change-emitter.ts';
import { CommandQueue } from '../../sessions/command-queue.ts';
import { FactTracker } from '../../sessions/fact-tracker.ts';
import { KeepAlive } from '../../sessions/keep-alive.ts';
import type { DeviceSession, SessionContext } from '../../sessions/session.ts';
import { Cp2Client } from './cp2-client.ts';
import { Cp2Connection } from './cp2-connection.ts';
import { Cp2Topology } from './cp2-topology.ts';

type State = 'idle' | 'connecting' | 'ready' | 'waiting' | 'closed';

const registrationOf: Record<string, VoipRegistration> = {
  REGISTERED: 'registered',
  NOT_REGISTERED: 'failed',
  DISABLED: 'disabled',
  REG_SUCCEED: 'registered',
  REG_FAILED: 'failed',
  UNREG_SUCCEED: 'unregistered',
};
export const registrationNotifications = ['REG_SUCCEED', 'REG_FAILED', 'UNREG_SUCCEED'] as const;

/**
 * The persistent session to one CONVERGE Pro 2 / Huddle box: login, initial read, notifications,
 * keep-alive, reconnect with jittered backoff, a serial command queue. It keeps the facts of the box
 * and of the P-Link peripherals it hosts, and emits a change whenever one of them changes.
 */
export class Cp2BoxSession implements DeviceSession {
  readonly queue = new CommandQueue();
  private device: InventoryDevice;
  private readonly box: ChangeEmitter;
  private readonly topology: Cp2Topology;
  private conn: Cp2Connection | undefined;
  private cp2: Cp2Client | undefined;
  private state: State = 'idle';
  private generation = 0;
  private readonly retry: RetrySchedule;
  private readonly keepAlive: KeepAlive;
  /** The keep-alive, encoded once: 5,000 sessions send one each per second. */
  private ping: Buffer;
  private expectRestartUntil = 0;
  private flushQueued = false;
  private readonly progressListeners = new Set<(percent: number) => void>();
  private readonly watchers = new Set<() => void>();

  constructor(
    device: InventoryDevice,
    private readonly ctx: SessionContext,
  ) {
    this.device = device;
    this.retry = new RetrySchedule(ctx.now);
    this.keepAlive = new KeepAlive(ctx.timings);
    this.box = new ChangeEmitter(device.id, new FactTracker('pro-audio', ctx.now), ctx.emit);
    this.topology = new Cp2Topology(ctx, () => {
      this.scheduleFlush();
    });
    this.ping = keepAliveBytes(device.name);
  }

  get deviceId(): DeviceId {
    return this.device.id;
  }

  get boxName(): string {
    return this.device.name;
  }

  get isReady(): boolean {
    return this.state === 'ready';
  }

  get connected(): boolean {
    return this.state === 'ready';
  }

  /** Logging in or reading the box right now. */
  get connecting(): boolean {
    return this.state === 'connecting';
  }

  get host(): string {
    return this.device.host;
  }

  get port(): number {
    return this.device.port;
  }

  get inventory(): InventoryDevice {
    return this.device;
  }

  get facts(): FactTracker {
    return this.box.facts;
  }

  /** VoIP line end-points of this box (`101`…), from its model and C-Link position. */
  voipEndpoints(): string[] {
    const lines = modelByCode(this.device.model)?.voipLines ?? 0;
    const boxNo = boxNumberOf(this.device.topology.clink);
    return Array.from({ length: lines }, (_, i) => uaEndpointOf(boxNo, i + 1));
  }

  deviceIds(): DeviceId[] {
    return [this.device.id, ...this.topology.peripheralIds()];
  }

  start(): void {
    if (this.state !== 'idle') return;
    void this.connect();
  }

  /**
   * Logs in again now and re-reads the box (new credentials, a loaded project). Quiet: the box keeps
   * its status unless the new login fails or the box is gone.
   */
  reconnect(): void {
    if (this.state === 'closed') return;
    this.retry.succeeded();
    const conn = this.conn;
    this.conn = undefined;
    this.cp2 = undefined;
    conn?.close();
    void this.connect();
  }

  close(): void {
    this.state = 'closed';
    this.topology.leave();
    this.generation++;
    this.queue.close(new DeviceError(DeviceErrorCode.SessionClosed, 'The agent is closing this session.'));
    this.conn?.close();
  }

  /** Firmware progress lines (percent) pushed by the box. */
  onProgress(listener: (percent: number) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** The logged-in client, for commands run through `queue` (undefined while disconnected). */
  get client(): Cp2Client | undefined {
    return this.state === 'ready' ? this.cp2 : undefined;
  }

  /** The box will drop its connection on purpose (RESET, firmware): show Restarting..., not Down, for a while. */
  expectRestart(): void {
    this.expectRestartUntil = this.ctx.now() + this.ctx.timings.restartTimeoutMs;
    this.wake();
  }

  /**
   * Resolves once `condition` holds, checked now and after every change the session flushes (facts,
   * connection state). Rejects with the signal's reason when aborted.
   */
  waitUntil(condition: () => boolean, signal?: AbortSignal): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const watcher = () => {
        if (!condition()) return;
        this.watchers.delete(watcher);
        signal?.removeEventListener('abort', abort);
        resolve();
      };
      const abort = () => {
        this.watchers.delete(watcher);
        reject(signal?.reason as Error);
      };
      if (signal?.aborted) {
        abort();
        return;
      }
      signal?.addEventListener('abort', abort, { once: true });
      this.watchers.add(watcher);
    });
  }

  /** Keep-alive, hang detection, reconnect and restart deadline; then asks to be woken at the next one. */
  tick(now: number): void {
    let next = Number.POSITIVE_INFINITY;
    const conn = this.conn;
    if (this.state === 'ready' && conn) {
      const check = this.keepAlive.check(now, conn.lastRxAt, () => {
        conn.send(this.ping);
      });
      if (check === 'hang') {
        this.ctx.logger.debug({ device: this.device.id }, 'keep-alive unanswered: the box hangs');
        conn.close(); // → lost(), which wakes the session for its reconnect
        return;
      }
      next = check;
    } else if (this.state === 'waiting') {
      if (this.retry.due(now)) {
        void this.connect();
        return;
      }
      next = this.retry.nextAt;
    }
    if (this.expectRestartUntil !== 0) {
      if (now > this.expectRestartUntil) {
        this.expectRestartUntil = 0;
        if (this.facts.get('phase') === 'restarting') {
          this.facts.set('phase', 'running');
          this.flush();
        }
      } else {
        next = Math.min(next, this.expectRestartUntil + 1);
      }
    }
    if (next !== Number.POSITIVE_INFINITY) this.ctx.wake(this, next);
  }

  /** Something changed the session's deadlines: recompute them at the next slot. */
  private wake(): void {
    if (this.state !== 'closed') this.ctx.wake(this, this.ctx.now());
  }

  private async connect(): Promise<void> {
    if (this.state === 'closed') return;
    const generation = ++this.generation;
    this.state = 'connecting';
    const { timings } = this.ctx;
    let stream;
    try {
      stream = await this.ctx.dial(this.device.host, this.device.port, timings.connectTimeoutMs);
    } catch (e) {
      if (generation !== this.generation) return;
      this.lost(`connect failed: ${(e as Error).message}`);
      return;
    }
    if (generation !== this.generation) {
      stream.destroy();
      return;
    }
    const conn = new Cp2Connection(
      stream,
      {
        onReply: (r) => {
          this.onReply(r);
        },
        onClose: (e) => {
          if (conn === this.conn && this.state === 'ready') this.lost(e.message);
        },
      },
      { now: this.ctx.now, likely: keepAliveReplies },
    );
    this.conn = conn;
    conn.quietPrefix = keepAliveReplyPrefix(this.device.name);
    this.cp2 = new Cp2Client(conn, timings.commandTimeoutMs);
    try {
      await conn.login(this.ctx.credentialsFor(this.device), timings.loginTimeoutMs);
      if (generation !== this.generation) return;
      this.facts.set('reachable', true);
      this.facts.set('loginOk', true);
      await this.initialise(this.cp2);
      if (generation !== this.generation) return;
    } catch (e) {
      if (generation !== this.generation) return;
      conn.close();
      if ((e as DeviceError).code === DeviceErrorCode.LoginFailed) {
        this.facts.set('reachable', true);
        this.facts.set('loginOk', false);
        this.schedule(this.ctx.timings.loginFailedBackoff);
        this.flush();
      } else {
        this.lost(`login/initial read failed: ${(e as Error).message}`);
      }
      return;
    }
    this.state = 'ready';
    this.retry.succeeded();
    this.keepAlive.reset();
    this.flush();
    this.wake();
  }

  /** The connection is gone (drop, hang, refused connect): Down, or Restarting... if a restart was expected. */
  private lost(reason: string): void {
    if (this.state === 'closed') return;
    this.ctx.logger.debug({ device: this.device.id, reason }, 'session lost');
    this.topology.leave();
    this.conn = undefined;
    this.cp2 = undefined;
    const now = this.ctx.now();
    const phase = this.facts.get('phase');
    if (phase === 'updating' || this.expectRestartUntil > now) {
      if (this.expectRestartUntil <= now) this.expectRestart();
      this.facts.set('phase', 'restarting', now);
    }
    this.facts.set('reachable', false, now);
    this.schedule(
      this.expectRestartUntil > now
        ? { ...this.ctx.timings.backoff, maxMs: this.ctx.timings.backoff.initialMs * 4 }
        : this.ctx.timings.backoff,
    );
    this.flush();
  }

  private schedule(policy: BackoffPolicy): void {
    this.state = 'waiting';
    this.retry.failed(policy);
    this.wake();
  }

  /** The first read after login: identity, health, stack and P-Link topology, VoIP lines (and subscriptions). */
  private async initialise(client: Cp2Client): Promise<void> {
    const info = await client.stackInfo();
    const self = info.boxes.find((b) => b.clink === info.self);
    if (self && self.box !== this.device.name) this.rename(self.box);
    if (info.self !== this.device.topology.clink)
      this.updateIdentity({ topology: { ...this.device.topology, clink: info.self } });
    await this.topology.learnMates(client, info, this.device);
    const box = this.device.name;
    const model = modelByCode(this.device.model);
    const firmware = await client.firmware(box);
    await client.unitState(box);
    if (model?.hasTemperature !== false) await optional(client.temperature(box));
    await client.locate(box);
    await optional(client.safetyMute());
    const endpoints = this.voipEndpoints();
    if (endpoints.length > 0) await optional(client.voipPending(box));
    for (const epn of endpoints) {
      for (const type of registrationNotifications) await optional(client.subscribe(epn, type));
      await optional(client.registration(epn));
    }
    this.topology.reconcile(this.device, await client.plinks(box));
    this.updateIdentity({
      firmware,
      topology: { ...this.device.topology, stack: info.stack, clink: info.self },
    });
  }

  private rename(name: string): void {
    this.updateIdentity({ name });
    this.ping = keepAliveBytes(name);
    if (this.conn) this.conn.quietPrefix = keepAliveReplyPrefix(name);
  }

  private updateIdentity(patch: Partial<InventoryDevice>): void {
    const next = { ...this.device, ...patch, lastSeen: this.ctx.now() };
    const changed = (Object.keys(patch) as (keyof InventoryDevice)[]).some(
      (k) => JSON.stringify(next[k]) !== JSON.stringify(this.device[k]),
    );
    this.device = next;
    if (changed) this.ctx.updateInventory([next]);
  }

  private onReply(r: Cp2Reply): void {
    const handle = Cp2BoxSession.replyHandlers[r.name] as
      ((this: Cp2BoxSession, p: unknown) => void) | undefined;
    if (!handle) return;
    handle.call(this, r.params);
    this.scheduleFlush();
  }

  /**
   * What each pushed or solicited line means for the facts; lines not listed change nothing. One
   * table for all sessions (methods called with the session as `this`), not closures per session.
   */
  private static readonly replyHandlers: {
    [N in Cp2Reply['name']]?: (this: Cp2BoxSession, p: Extract<Cp2Reply, { name: N }>['params']) => void;
  } = {
    boxState(p) {
      if (p.box === this.device.name) this.onUnitState(p.state as UnitState);
    },
    boxTemperature(p) {
      if (p.box === this.device.name) this.facts.set('overheating', p.celsius > overheatThresholdC);
    },
    locate(p) {
      if (p.box === this.device.name) this.facts.set('locate', p.on);
    },
    safetyMute(p) {
      this.facts.set('safetyMute', p.on);
    },
    voipPending(p) {
      if (p.box === this.device.name) this.facts.set('voipRestartPending', p.pending);
    },
    uaRegistration(p) {
      this.onRegistration(p.epn, p.state);
    },
    uaNotification(p) {
      this.onRegistration(p.epn, p.type.toUpperCase());
    },
    stackInfo(p) {
      this.topology.stackName = p.stack;
    },
    stackBox(p) {
      this.topology.setStackBox({ clink: p.clink, online: p.online, box: p.box, model: p.model });
    },
    plinkItem(p) {
      if (p.box === this.device.name) this.topology.onPlinkItem(this.device, p);
    },
    boxFirmware(p) {
      if (p.box === this.device.name && this.state === 'ready') this.updateIdentity({ firmware: p.firmware });
    },
    firmwareProgress(p) {
      if (p.box === this.device.name) for (const l of this.progressListeners) l(p.percent);
    },
  };

  /** Registration notices reach every box of a stack: each box keeps only its own lines. */
  private onRegistration(epn: string, state: string): void {
    const value = registrationOf[state];
    if (value && this.voipEndpoints().includes(epn)) this.facts.setLine(epn, value);
  }

  private onUnitState(state: UnitState): void {
    const facts = this.facts;
    facts.set('configuring', state === 'CONFIGURING');
    facts.set('unconfigured', state === 'UNCONFIGURED');
    if (state === 'UPDATING') facts.set('phase', 'updating');
    else if (state === 'RESTARTING') {
      this.expectRestart();
      facts.set('phase', 'restarting');
    } else {
      facts.set('phase', 'running');
      this.expectRestartUntil = 0;
    }
  }

  private scheduleFlush(): void {
    // While logging in and reading the box, facts pile up: the status is told once, when ready.
    if (this.flushQueued || this.state === 'connecting') return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  private flush(): void {
    const hostUp =
      this.state === 'ready' || (this.facts.get('reachable') === true && this.facts.get('loginOk') === true);
    this.topology.update(this.device, this.facts, hostUp);
    const at = this.ctx.now();
    this.box.flush(at);
    this.topology.flush(at);
    for (const w of [...this.watchers]) w();
  }
}

/** The entry the keep-alive's answer parses as: one array for every session. */
const keepAliveReplies = ['boxSerial'] as const;
const keepAliveReplyPrefix = (box: string): string => `${cp2Dialect.boxSerial.request.format({ box })} `;
const keepAliveBytes = (box: string): Buffer =>
  Buffer.from(`${cp2Dialect.boxSerial.request.format({ box })}\r\n`, 'utf8');

/** A read some models or firmware may refuse: an error line means "not supported", not a failure. */
async function optional<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    if ((e as DeviceError).code === DeviceErrorCode.Rejected) return undefined;
    throw e;
  }
}
