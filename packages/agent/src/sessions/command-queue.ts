import { DeviceError, DeviceErrorCode } from '../commands/device-error.ts';

interface Queued {
  label: string;
  timeoutMs: number;
  run: (signal: AbortSignal) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * A per-device serial command queue: one command at a time (so an uncorrelated error line belongs
 * to the command in flight), each with its own timeout, bounded in length.
 */
export class CommandQueue {
  private readonly waiting: Queued[] = [];
  private busy = false;
  private closedWith: DeviceError | undefined;

  constructor(private readonly maxWaiting = 64) {}

  get length(): number {
    return this.waiting.length + (this.busy ? 1 : 0);
  }

  /** Runs `run` after the commands before it; aborts its signal and rejects with DEVICE_TIMEOUT after `timeoutMs`. */
  enqueue<T>(label: string, timeoutMs: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    if (this.waiting.length >= this.maxWaiting) {
      return Promise.reject(
        new DeviceError(
          DeviceErrorCode.Busy,
          `Too many commands queued for this device (${this.maxWaiting}).`,
        ),
      );
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ label, timeoutMs, run, resolve: resolve as (v: unknown) => void, reject });
      this.next();
    });
  }

  /** Rejects every waiting command and refuses new ones. */
  close(error: DeviceError): void {
    this.closedWith = error;
    for (const q of this.waiting.splice(0)) q.reject(error);
  }

  private next(): void {
    if (this.busy) return;
    const item = this.waiting.shift();
    if (!item) return;
    this.busy = true;
    const controller = new AbortController();
    let settled = false;
    const finish = (ok: boolean, value: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (ok) item.resolve(value);
      else item.reject(value);
      this.busy = false;
      this.next();
    };
    const timer = setTimeout(() => {
      const error = new DeviceError(
        DeviceErrorCode.Timeout,
        `${item.label}: no answer within ${item.timeoutMs} ms.`,
      );
      controller.abort(error);
      finish(false, error);
    }, item.timeoutMs);
    item.run(controller.signal).then(
      (v) => {
        finish(true, v);
      },
      (e: unknown) => {
        finish(false, e);
      },
    );
  }
}
