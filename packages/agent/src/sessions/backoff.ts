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
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
