import {
  LineFramer,
  bma360dErrorLine,
  parseBma360dReply,
  type Bma360dDialect,
  type ParsedReply,
} from '@crosspoint/protocol';
import { DeviceError, DeviceErrorCode } from '../../commands/device-error.ts';
import type { ByteStream } from '../byte-stream.ts';
import { PendingReplies } from '../pending-replies.ts';
import { cleanReply } from '../device-text.ts';

export type Bma360dReply = ParsedReply<Bma360dDialect>;

/**
 * A BMA 360D connection (raw TCP 3603, no login, CRLF lines; bma360d-dialect.ts): requests are
 * matched to replies by entry, an `ERROR` line fails the oldest request, lines are bounded.
 */
export class Bma360dLink {
  lastRxAt: number;
  private readonly framer = new LineFramer({ maxLineBytes: 4096 });
  private readonly waiters = new PendingReplies<Bma360dReply>();
  private closed = false;

  constructor(
    private readonly stream: ByteStream,
    private readonly handlers: { onReply: (r: Bma360dReply) => void; onClose: () => void },
    private readonly now: () => number,
  ) {
    this.lastRxAt = now();
    stream.on('data', (chunk) => {
      this.receive(chunk);
    });
    stream.on('error', () => undefined);
    stream.on('close', () => {
      this.finish();
    });
  }

  /** Sends `line`; resolves with `accept(reply)` for the first reply it does not answer `undefined` to. */
  ask<T>(line: string, accept: (r: Bma360dReply) => T | undefined, timeoutMs: number): Promise<T> {
    if (this.closed)
      return Promise.reject(new DeviceError(DeviceErrorCode.SessionClosed, 'The connection is closed.'));
    const reply = this.waiters.wait(
      (r) => {
        const value = accept(r);
        return value === undefined ? undefined : { done: value };
      },
      undefined,
      timeoutMs,
      line,
    );
    this.send(line);
    return reply;
  }

  send(line: string): void {
    if (!this.closed) this.stream.write(`${line}\r\n`);
  }

  close(): void {
    if (this.closed) return;
    this.stream.destroy();
    this.finish();
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    this.lastRxAt = this.now();
    for (const raw of this.framer.push(chunk).lines) {
      const line = raw.trim();
      if (line.toUpperCase() === bma360dErrorLine) {
        this.waiters.failOldest(
          new DeviceError(DeviceErrorCode.Rejected, 'The microphone refused the command.'),
        );
        continue;
      }
      const parsed = parseBma360dReply(line);
      if (!parsed) continue;
      const reply = cleanReply(parsed);
      this.waiters.offer(reply);
      this.handlers.onReply(reply);
    }
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.waiters.failAll(new DeviceError(DeviceErrorCode.SessionClosed, 'The connection closed.'));
    this.handlers.onClose();
  }
}

/** `accept` helpers: the value of a reply of one entry. */
export const serialOf = (r: Bma360dReply): string | undefined =>
  r.name === 'serial' ? r.params.serial : undefined;
export const firmwareOf = (r: Bma360dReply): string | undefined =>
  r.name === 'version' ? r.params.firmware : undefined;
