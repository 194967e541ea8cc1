import { SerialRunner } from '../serial-runner.ts';

/** How often every hub runs billing's timed work (overdue, payment reminders). */
export const defaultBillingTickMs = 3_600_000;

/** Runs billing's sweep now and then every `tickMs` (0: only when called; tests call the sweep themselves). */
export class BillingSweep {
  private readonly runner: SerialRunner;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    sweep: () => Promise<unknown>,
    private readonly tickMs = defaultBillingTickMs,
    onError: (e: unknown) => void = () => undefined,
  ) {
    this.runner = new SerialRunner(async () => {
      await sweep();
    }, onError);
  }

  start(): Promise<void> {
    if (this.tickMs > 0) {
      this.timer = setInterval(() => this.runner.kick(), this.tickMs);
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
