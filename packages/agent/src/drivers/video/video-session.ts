import type { InventoryDevice } from '../../inventory/inventory.ts';
import { ChangeEmitter } from '../../sessions/change-emitter.ts';
import { FactTracker } from '../../sessions/fact-tracker.ts';
import type { DeviceSession, SessionContext } from '../../sessions/session.ts';
import { SingleDeviceSession } from '../../sessions/single-device-session.ts';
import { CodecStatusConnection } from './codec-status-connection.ts';

/**
 * A COLLABORATE Live codec: polled over its HTTP JSON status on the shared clock (one request in
 * flight at most, over a kept-alive connection). Unreachable → Down; CS lost → Communication Service Failed.
 */
export class VideoSession extends SingleDeviceSession implements DeviceSession {
  private readonly emitter: ChangeEmitter;
  private readonly http: CodecStatusConnection;
  private nextPollAt = 0;
  private inFlight = false;
  private closed = false;

  constructor(
    device: InventoryDevice,
    private readonly ctx: SessionContext,
  ) {
    super(device);
    this.emitter = new ChangeEmitter(device.id, new FactTracker('video', ctx.now), ctx.emit);
    // The kept-alive connection closing between polls (codec gone, RST) is news: poll at once rather
    // than at the next period, so a drop shows in milliseconds, not up to a poll period later.
    this.http = new CodecStatusConnection(device.host, device.port, ctx.dial, () => {
      if (!this.closed && !this.inFlight) this.reconnect();
    });
  }

  /** The firmware its last status reported. */
  get firmware(): string {
    return this.device.firmware;
  }

  get connected(): boolean {
    return this.emitter.facts.get('reachable') === true;
  }

  start(): void {
    this.poll();
  }

  reconnect(): void {
    this.nextPollAt = 0;
    this.ctx.wake(this, this.ctx.now());
  }

  close(): void {
    this.closed = true;
    this.http.close();
  }

  tick(now: number): void {
    if (this.inFlight || this.closed) return;
    if (now >= this.nextPollAt) this.poll();
    else this.ctx.wake(this, this.nextPollAt);
  }

  private poll(): void {
    this.inFlight = true;
    const { timings } = this.ctx;
    this.http.fetch(timings.keepAliveTimeoutMs).then(
      (status) => {
        if (this.closed) return;
        const facts = this.emitter.facts;
        facts.set('reachable', true);
        facts.set('csRegistered', status.csRegistered);
        if (status.firmware !== this.device.firmware || status.name !== this.device.name) {
          this.device = {
            ...this.device,
            firmware: status.firmware,
            name: status.name,
            lastSeen: this.ctx.now(),
          };
          this.ctx.updateInventory([this.device]);
        }
        this.done();
      },
      () => {
        if (this.closed) return;
        this.emitter.facts.set('reachable', false);
        this.done();
      },
    );
  }

  private done(): void {
    this.inFlight = false;
    const now = this.ctx.now();
    this.nextPollAt = now + this.ctx.timings.videoPollMs;
    this.emitter.flush(now);
    this.ctx.wake(this, this.nextPollAt);
  }
}
