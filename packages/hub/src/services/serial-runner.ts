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
