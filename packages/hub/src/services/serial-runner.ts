/**
 * Runs an async task one at a time: a kick while it runs makes it run once more afterwards, so
 * many kicks (timer ticks, events) never overlap and never get lost.
 */
export class SerialRunner {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly onError: (e: unknown) => void,
  ) {}

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.task()
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves when the current run (if any) is over; with `drain`, also every run it asked for. */
  async idle(drain = false): Promise<void> {
    if (!drain) return this.running;
    while (this.running) await this.running;
  }
}

/**
 * A task run at once when started, then every `everyMs` (0: only at start and when kicked), one
 * run at a time (a SerialRunner); `stop` waits for the run in progress.
 */
export class PeriodicTask {
  private readonly runner: SerialRunner;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    task: () => Promise<void>,
    private readonly everyMs: number,
    onError: (e: unknown) => void,
  ) {
    this.runner = new SerialRunner(task, onError);
  }

  /** Runs the task now (resolving once it is done), then every `everyMs`. */
  start(): Promise<void> {
    if (this.everyMs > 0 && !this.timer) {
      this.timer = setInterval(() => this.runner.kick(), this.everyMs);
      this.timer.unref();
    }
    this.runner.kick();
    return this.runner.idle(true);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.runner.idle(true);
  }
}
