import { bma360dDialect, bma360dLocateModes } from '@crosspoint/protocol';
import { DeviceError, DeviceErrorCode } from '../../commands/device-error.ts';
import type { InventoryDevice } from '../../inventory/inventory.ts';
import { RetrySchedule } from '../../sessions/backoff.ts';
import { ChangeEmitter } from '../../sessions/change-emitter.ts';
import { CommandQueue } from '../../sessions/command-queue.ts';
import { FactTracker } from '../../sessions/fact-tracker.ts';
import { KeepAlive } from '../../sessions/keep-alive.ts';
import type { DeviceSession, SessionContext } from '../../sessions/session.ts';
import { SingleDeviceSession } from '../../sessions/single-device-session.ts';
import { Bma360dLink, firmwareOf, type Bma360dReply } from './bma360d-link.ts';

/** A stand-alone BMA 360D: one persistent TCP connection, `VERSION` as keep-alive, locate as its one command. */
export class Bma360dSession extends SingleDeviceSession implements DeviceSession {
  readonly queue = new CommandQueue();
  private readonly emitter: ChangeEmitter;
  private readonly retry: RetrySchedule;
  private link: Bma360dLink | undefined;
  private state: 'idle' | 'connecting' | 'ready' | 'waiting' | 'closed' = 'idle';
  private readonly keepAlive: KeepAlive;
  private generation = 0;

  constructor(
    device: InventoryDevice,
    private readonly ctx: SessionContext,
  ) {
    super(device);
    this.emitter = new ChangeEmitter(device.id, new FactTracker('pro-audio', ctx.now), ctx.emit);
    this.retry = new RetrySchedule(ctx.now);
    this.keepAlive = new KeepAlive(ctx.timings);
  }

  get connected(): boolean {
    return this.state === 'ready';
  }

  start(): void {
    if (this.state === 'idle') void this.connect();
  }

  reconnect(): void {
    this.retry.succeeded();
    this.link?.close();
  }

  close(): void {
    this.state = 'closed';
    this.generation++;
    this.queue.close(new DeviceError(DeviceErrorCode.SessionClosed, 'The agent is closing this session.'));
    this.link?.close();
  }

  tick(now: number): void {
    const link = this.link;
    if (this.state === 'ready' && link) {
      const check = this.keepAlive.check(now, link.lastRxAt, () => {
        link.send(bma360dDialect.version.request.format({}));
      });
      if (check === 'hang') link.close();
      else this.ctx.wake(this, check);
    } else if (this.state === 'waiting') {
      if (this.retry.due(now)) void this.connect();
      else this.ctx.wake(this, this.retry.nextAt);
    }
  }

  /** Switches the locate light (mode 1 on, 2 off as the reference prints it). */
  locate(on: boolean): Promise<boolean> {
    return this.queue.enqueue('locate', this.ctx.timings.commandTimeoutMs, () => {
      const link = this.link;
      if (this.state !== 'ready' || !link)
        return Promise.reject(
          new DeviceError(DeviceErrorCode.Unreachable, 'The microphone is not connected.'),
        );
      const mode = on ? bma360dLocateModes.on : bma360dLocateModes.off;
      return link.ask(
        bma360dDialect.locate.request.format({ name: this.device.name, mode }),
        (r) => (r.name === 'locate' ? r.params.mode === bma360dLocateModes.on : undefined),
        this.ctx.timings.commandTimeoutMs,
      );
    });
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.state = 'connecting';
    try {
      const stream = await this.ctx.dial(
        this.device.host,
        this.device.port,
        this.ctx.timings.connectTimeoutMs,
      );
      if (generation !== this.generation) {
        stream.destroy();
        return;
      }
      const link = new Bma360dLink(
        stream,
        { onReply: (r) => this.onReply(r), onClose: () => this.lost(link) },
        this.ctx.now,
      );
      this.link = link;
      const firmware = await link.ask(
        bma360dDialect.version.request.format({}),
        firmwareOf,
        this.ctx.timings.commandTimeoutMs,
      );
      if (generation !== this.generation) return;
      if (firmware !== this.device.firmware) {
        this.device = { ...this.device, firmware, lastSeen: this.ctx.now() };
        this.ctx.updateInventory([this.device]);
      }
      this.state = 'ready';
      this.keepAlive.reset();
      this.retry.succeeded();
      this.emitter.facts.set('reachable', true);
      this.emitter.flush(this.ctx.now());
      this.ctx.wake(this, this.ctx.now());
    } catch {
      if (generation !== this.generation) return;
      this.link?.close();
      this.lost(this.link);
    }
  }

  private onReply(r: Bma360dReply): void {
    if (r.name !== 'locate') return;
    this.emitter.facts.set('locate', r.params.mode === bma360dLocateModes.on);
    this.emitter.flush(this.ctx.now());
  }

  private lost(link: Bma360dLink | undefined): void {
    if (link !== this.link || this.state === 'closed' || this.state === 'waiting') return;
    this.link = undefined;
    this.state = 'waiting';
    this.retry.failed(this.ctx.timings.backoff);
    this.ctx.wake(this, this.retry.nextAt);
    this.emitter.facts.set('reachable', false);
    this.emitter.flush(this.ctx.now());
  }
}
