// Reconciling what the simulator, the agent and the hub each say, for the soak: final statuses and
// the stored history of every change.

export interface StatusMismatch {
  key: string;
  /** Which view disagrees with the simulator (`agent`, `hub`). */
  view: string;
  expectedDown: boolean;
  /** What that view says: Down or not; undefined = it does not know the device. */
  down: boolean | undefined;
}

/**
 * Every device's Down-ness in each view against the simulator's truth (a device with a fault
 * active is Down, any other is not). A view that does not know a device disagrees.
 */
export function statusMismatches(
  keys: Iterable<string>,
  expectedDown: (key: string) => boolean,
  views: Record<string, (key: string) => boolean | undefined>,
): StatusMismatch[] {
  const out: StatusMismatch[] = [];
  for (const key of keys) {
    const expected = expectedDown(key);
    for (const [view, downOf] of Object.entries(views)) {
      const down = downOf(key);
      if (down !== expected) out.push({ key, view, expectedDown: expected, down });
    }
  }
  return out;
}

export interface ObservedChange {
  key: string;
  status: string;
  /** The agent's observation time (ms); the hub stores it as the history row's `observedAt`. */
  at: number;
}

/**
 * The agent's changes with no matching row (same status, same observation time to the
 * millisecond) in the device's history as the hub stores it.
 */
export function missingFromHistory(
  changes: readonly ObservedChange[],
  history: ReadonlyMap<string, readonly { status: string; observedAt: number }[]>,
): ObservedChange[] {
  const rows = new Map<string, Set<string>>();
  for (const [key, list] of history) rows.set(key, new Set(list.map((h) => `${h.status}@${h.observedAt}`)));
  return changes.filter((c) => !rows.get(c.key)?.has(`${c.status}@${c.at}`));
}
