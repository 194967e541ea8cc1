import { DeviceError, DeviceErrorCode } from '../commands/device-error.ts';

/** What a waiter says of a reply: not mine, mine and more to come, or mine and done (with a value). */
export type Accept<T> = undefined | 'more' | { done: T };

interface Waiter<R, M> {
  meta: M;
  accept: (reply: R) => Accept<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

/**
 * Requests waiting for their replies on one connection, oldest first, each with its own timeout.
 * A reply goes to the first waiter that claims it (by address, never by order).
 */
export class PendingReplies<R, M = undefined> {
  private readonly waiters: Waiter<R, M>[] = [];

  get size(): number {
    return this.waiters.length;
  }

  /** Metadata of the waiters, oldest first (e.g. which entries they expect). */
  *metas(): IterableIterator<M> {
    for (const w of this.waiters) yield w.meta;
  }

  wait<T>(accept: (reply: R) => Accept<T>, meta: M, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<R, M> = {
        meta,
        accept,
        resolve: resolve as (v: unknown) => void,
        reject,
        timer: setTimeout(() => {
          this.remove(waiter);
          reject(new DeviceError(DeviceErrorCode.Timeout, `No answer to "${what}" within ${timeoutMs} ms.`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Hands a reply to the first waiter claiming it; true when one did. */
  offer(reply: R): boolean {
    for (const w of this.waiters) {
      const verdict = w.accept(reply);
      if (verdict === undefined) continue;
      if (verdict !== 'more') {
        this.remove(w);
        w.resolve(verdict.done);
      }
      return true;
    }
    return false;
  }

  /** Fails the oldest waiter whose metadata passes `which`; false when none did. */
  failOldest(error: DeviceError, which: (meta: M) => boolean = () => true): boolean {
    const w = this.waiters.find((x) => which(x.meta));
    if (!w) return false;
    this.remove(w);
    w.reject(error);
    return true;
  }

  failAll(error: DeviceError): void {
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(error);
    }
  }

  private remove(w: Waiter<R, M>): void {
    clearTimeout(w.timer);
    const i = this.waiters.indexOf(w);
    if (i >= 0) this.waiters.splice(i, 1);
  }
}
