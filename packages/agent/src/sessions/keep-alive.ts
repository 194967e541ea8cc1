/**
 * The keep-alive of one connection: after `intervalMs` without a byte from the device, send a cheap
 * query; no byte within `timeoutMs` of sending it means the device hangs. Any byte counts as an
 * answer, so a chatty device is never pinged.
 */
export class KeepAlive {
  private sentAt = 0;

  constructor(private readonly timings: { keepAliveMs: number; keepAliveTimeoutMs: number }) {}

  /** Forget an outstanding ping (new connection). */
  reset(): void {
    this.sentAt = 0;
  }

  /**
   * Sends the ping when due; answers `'hang'` when one went unanswered too long, else the time of
   * the next check.
   */
  check(now: number, lastRxAt: number, send: () => void): number | 'hang' {
    const { keepAliveMs, keepAliveTimeoutMs } = this.timings;
    if (this.sentAt !== 0 && lastRxAt >= this.sentAt) this.sentAt = 0;
    if (this.sentAt !== 0)
      return now - this.sentAt >= keepAliveTimeoutMs ? 'hang' : this.sentAt + keepAliveTimeoutMs;
    if (now - lastRxAt < keepAliveMs) return lastRxAt + keepAliveMs;
    this.sentAt = now;
    send();
    return now + Math.min(keepAliveMs, keepAliveTimeoutMs);
  }
}
