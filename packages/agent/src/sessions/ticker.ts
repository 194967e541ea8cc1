/** Something woken on every tick of the shared clock, to check its own deadlines. */
export interface Tickable {
  tick(now: number): void;
}

/**
 * One interval for every session: each tick calls `tick(now)` on every member, which compares the
 * time with its own deadlines (keep-alive due, reply overdue, reconnect due, command timed out).
 * 5,000 sessions cost 5,000 cheap calls per tick instead of 5,000 timers re-armed every second.
 */
export class Ticker {
  private readonly members = new Set<Tickable>();
  private readonly handle: NodeJS.Timeout;

  constructor(
    readonly resolutionMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.handle = setInterval(() => {
      this.runOnce();
    }, resolutionMs);
    this.handle.unref();
  }

  add(member: Tickable): void {
    this.members.add(member);
  }

  delete(member: Tickable): void {
    this.members.delete(member);
  }

  get size(): number {
    return this.members.size;
  }

  /** Runs one tick now (also what the interval does). A failing member does not stop the others. */
  runOnce(): void {
    const now = this.now();
    for (const m of this.members) {
      try {
        m.tick(now);
      } catch {
        // A member's own error handling reports its failures; the clock must keep going.
      }
    }
  }

  close(): void {
    clearInterval(this.handle);
    this.members.clear();
  }
}
