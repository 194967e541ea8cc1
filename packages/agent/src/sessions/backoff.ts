export interface BackoffPolicy {
  /** First delay (ms). */
  initialMs: number;
  /** Upper bound of a delay (ms). */
  maxMs: number;
  /** Growth per failed attempt, e.g. 2. */
  factor: number;
}

export const defaultBackoff: BackoffPolicy = { initialMs: 250, maxMs: 30_000, factor: 2 };

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential, capped, with "equal jitter"
 * (half fixed, half random) so 5,000 sessions dropped together do not reconnect in lockstep.
 */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** When to try again: attempts counted since the last success, delays from a policy. */
export class RetrySchedule {
  private attempt = 0;
  private at = 0;

  constructor(private readonly now: () => number) {}

  /** Plans the next attempt after a failure. */
  failed(policy: BackoffPolicy): void {
    this.at = this.now() + backoffDelay(policy, this.attempt++);
  }

  succeeded(): void {
    this.attempt = 0;
  }

  due(now: number): boolean {
    return now >= this.at;
  }

  /** When the next attempt is due (ms since the epoch). */
  get nextAt(): number {
    return this.at;
  }
}
