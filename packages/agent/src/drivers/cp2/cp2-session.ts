import { cp2Dialect, type DeviceId } from '@crosspoint/protocol';
import { DeviceError, DeviceErrorCode } from '../../commands/device-error.ts';
import type { InventoryDevice } from '../../inventory/inventory.ts';
import { RetrySchedule, type BackoffPolicy } from '../../sessions/backoff.ts';
import { CommandQueue } from '../../sessions/command-queue.ts';
import { KeepAlive } from '../../sessions/keep-alive.ts';
import type { DeviceSession, SessionContext } from '../../sessions/session.ts';
import { Cp2BoxReader } from './cp2-box-reader.ts';
import { Cp2Client } from './cp2-client.ts';
import { Cp2Connection } from './cp2-connection.ts';

type State = 'idle' | 'connecting' | 'ready' | 'waiting' | 'closed';

/**
 * The persistent session to one CONVERGE Pro 2 / Huddle box: login, initial read, notifications,
 * keep-alive, reconnect with jittered backoff, a serial command queue. It keeps the facts of the box
 * and of the P-Link peripherals it hosts, and emits a change whenever one of them changes.
 */
export class Cp2BoxSession extends Cp2BoxReader implements DeviceSession {
  readonly queue = new CommandQueue();
  private conn: Cp2Connection | undefined;
  private cp2: Cp2Client | undefined;
  private state: State = 'idle';
  private generation = 0;
  private readonly retry: RetrySchedule;
  private readonly keepAlive: KeepAlive;
  /** The keep-alive, encoded once: 5,000 sessions send one each per second. */
  private ping: Buffer;
  private flushQueued = false;
  private readonly watchers = new Set<() => void>();

  constructor(device: InventoryDevice, ctx: SessionContext) {
    super(device, ctx);
    this.retry = new RetrySchedule(ctx.now);
    this.keepAlive = new KeepAlive(ctx.timings);
    this.ping = keepAliveBytes(device.name);
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

  protected rename(name: string): void {
    this.updateIdentity({ name });
    this.ping = keepAliveBytes(name);
    if (this.conn) this.conn.quietPrefix = keepAliveReplyPrefix(name);
  }

  protected scheduleFlush(): void {
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
