import { EventEmitter } from 'node:events';
import type { ByteStream } from '../drivers/byte-stream.ts';

/** A ByteStream a test drives by hand: feed it device bytes, read what the driver wrote. */
export class FakeStream extends EventEmitter implements ByteStream {
  readonly writes: Buffer[] = [];
  writableLength = 0;
  destroyed = false;

  write(data: Uint8Array | string): boolean {
    this.writes.push(Buffer.from(data));
    return true;
  }

  /** Everything written so far as latin1 text (so telnet bytes stay visible). */
  written(): string {
    return Buffer.concat(this.writes).toString('latin1');
  }

  /** Lines the driver sent (CRLF-split). */
  sentLines(): string[] {
    return this.written()
      .replace(/\xff[\xfb-\xfe][\s\S]/g, '')
      .split('\r\n')
      .filter((l) => l !== '');
  }

  feed(data: string | Uint8Array): void {
    this.emit('data', typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data));
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('close');
  }
}
