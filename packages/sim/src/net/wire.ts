import type { Socket } from 'node:net';
import type { Random } from '../prng.ts';
import { garbageChunk, type GarbageKind } from './garbage.ts';

/** Faults that shape what a device writes (devices.md §5.7). Shared, live, by every session of a device. */
export interface WireFaults {
  hang: boolean;
  slow?: { delayMs: number; jitterMs: number } | undefined;
  garbage?: { rate: number; kinds: GarbageKind[] } | undefined;
  halfLine?: { pieces: number; gapMs: number } | undefined;
}

interface Step {
  delay: number;
  data: Buffer;
}

/**
 * The write side of one connection. Without faults a write goes straight to the socket; with `slow`
 * or `half_line` writes are queued and released by one timer at a time, so order is kept and an idle
 * connection owns no timer. `hang` swallows writes.
 */
export class Wire {
  private queue: Step[] | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ending = false;
  private closed = false;

  constructor(
    readonly socket: Socket,
    private readonly faults: WireFaults,
    private readonly rnd: Random,
  ) {
    socket.once('close', () => this.close());
  }

  write(data: Buffer | string): void {
    if (this.closed || this.ending || this.faults.hang) return;
    let bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const { slow, garbage, halfLine } = this.faults;
    if (garbage && this.rnd() < garbage.rate) {
      const kind = garbage.kinds[Math.floor(this.rnd() * garbage.kinds.length)];
      if (kind) bytes = Buffer.concat([garbageChunk(this.rnd, kind), bytes]);
    }
    if (!slow && !halfLine && !this.queue) {
      this.socket.write(bytes);
      return;
    }
    const delay = slow ? slow.delayMs + Math.floor(this.rnd() * (slow.jitterMs + 1)) : 0;
    const queue = (this.queue ??= []);
    if (halfLine && bytes.length > 1) {
      const size = Math.max(1, Math.ceil(bytes.length / halfLine.pieces));
      for (let i = 0; i < bytes.length; i += size)
        queue.push({ delay: i === 0 ? delay : halfLine.gapMs, data: bytes.subarray(i, i + size) });
    } else queue.push({ delay, data: bytes });
    this.pump();
  }

  /** Writes what is queued, then closes the connection. */
  end(): void {
    if (this.closed) return;
    this.ending = true;
    if (!this.queue) this.socket.end();
  }

  close(): void {
    this.closed = true;
    this.queue = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pump(): void {
    if (this.timer || this.closed) return;
    const next = this.queue?.shift();
    if (!next) {
      this.queue = undefined;
      if (this.ending) this.socket.end();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.closed) return;
      this.socket.write(next.data);
      this.pump();
    }, next.delay);
  }
}
