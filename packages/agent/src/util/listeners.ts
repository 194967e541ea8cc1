import type { Logger } from 'pino';

/** Listeners of one kind of event; one that throws is logged and does not keep the others from hearing it. */
export class Listeners<T> {
  private readonly set = new Set<(event: T) => void>();

  constructor(
    private readonly logger: Logger,
    /** Names the listeners in the log line (`a change listener threw`). */
    private readonly what: string,
  ) {}

  /** Returns the unsubscribe function. */
  add(listener: (event: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(event: T): void {
    for (const l of this.set) {
      try {
        l(event);
      } catch (e) {
        this.logger.warn({ err: e }, `a ${this.what} listener threw`);
      }
    }
  }
}
