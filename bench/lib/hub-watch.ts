// Watching device statuses through the hub's API, the way a screen does: the live events stream
// (SSE) says "devices changed", the watcher then lists the Down group; and, to confirm, a plain
// polling loop of the same list. Each watcher keeps the moments devices entered and left the Down
// group, by serial number (what the simulator, the agent and the hub all know a device by).
import { startChild } from './child-program.ts';
import type { Observation } from './detection.ts';
import { apiGet, type HubProcess } from './hub-process.ts';
import { openSse, type SseConnection } from './sse.ts';
import { summarize, type Summary } from './stats.ts';

export interface GroupTransition {
  serial: string;
  /** Wall clock (ms) when the bench had the list that showed the change. */
  at: number;
  down: boolean;
}

/** Successive snapshots of a set (the Down group) → the moments each member entered or left it. */
export class DownSetTracker {
  private current = new Set<string>();
  readonly transitions: GroupTransition[] = [];
  snapshots = 0;

  update(members: Iterable<string>, at: number): void {
    const next = new Set(members);
    for (const s of next) if (!this.current.has(s)) this.transitions.push({ serial: s, at, down: true });
    for (const s of this.current) if (!next.has(s)) this.transitions.push({ serial: s, at, down: false });
    this.current = next;
    this.snapshots++;
  }

  has(serial: string): boolean {
    return this.current.has(serial);
  }

  members(): ReadonlySet<string> {
    return this.current;
  }
}

/** A watcher's transitions into (or, with `down` false, out of) the Down group, as observations of bench keys. */
export const groupObservations = (
  tracker: DownSetTracker,
  keyOfSerial: ReadonlyMap<string, string>,
  down = true,
): Observation[] =>
  tracker.transitions.flatMap((t) => {
    const key = keyOfSerial.get(t.serial);
    return t.down === down && key !== undefined ? [{ key, at: t.at }] : [];
  });

export interface HubDevice {
  id: string;
  serial: string;
  model: string;
  status: string;
  ip: string;
  connections: string[];
}

/** Every device of the organization matching `query` (e.g. `group=down`), page by page. */
export async function listHubDevices(hub: HubProcess, query = ''): Promise<HubDevice[]> {
  const out: HubDevice[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', '500');
    if (cursor) params.set('cursor', cursor);
    const page: { items: HubDevice[]; nextCursor: string | null } = await apiGet(
      hub,
      `/api/v1/orgs/${hub.orgId}/devices?${params.toString()}`,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export interface HubWatch {
  /** The Down group as refetched after each `devices` event of the live stream. */
  sse: DownSetTracker;
  /** The Down group as polled every `pollMs`. */
  poll: DownSetTracker;
  /** Live events received, by kind. */
  events: Record<string, number>;
  /** Duration of each list request made after an event. */
  refreshMs: () => Summary;
  errors: string[];
  close(): Promise<void>;
}

/**
 * Subscribes to the organization's live events and polls the Down group. After a `devices` event
 * the Down group is listed at once (one request at a time; events arriving meanwhile cause one more
 * request after it) — what the web app does to refresh its screens.
 */
export async function watchHub(hub: HubProcess, pollMs: number): Promise<HubWatch> {
  const sse = new DownSetTracker();
  const poll = new DownSetTracker();
  const events: Record<string, number> = {};
  const refresh: number[] = [];
  const errors: string[] = [];
  const downList = async () => (await listHubDevices(hub, 'group=down')).map((d) => d.serial);
  const initial = await downList();
  const now = Date.now();
  sse.update(initial, now);
  poll.update(initial, now);

  let inFlight: Promise<void> | undefined;
  let again = false;
  let closed = false;
  const refetch = (): void => {
    if (inFlight) {
      again = true;
      return;
    }
    const t0 = Date.now();
    inFlight = downList()
      .then(
        (serials) => {
          const at = Date.now();
          refresh.push(at - t0);
          sse.update(serials, at);
        },
        (e: unknown) => void errors.push(`list after event: ${(e as Error).message}`),
      )
      .finally(() => {
        inFlight = undefined;
        if (again && !closed) {
          again = false;
          refetch();
        }
      });
  };
  const connection: SseConnection = openSse(
    `${hub.url}/api/v1/orgs/${hub.orgId}/events`,
    hub.token,
    (e) => {
      events[e.event] = (events[e.event] ?? 0) + 1;
      if (e.event === 'devices') refetch();
    },
    (e) => errors.push(`events stream: ${(e as Error).message}`),
  );
  await connection.opened;

  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> = Promise.resolve();
  const tick = () => {
    polling = downList().then(
      (serials) => poll.update(serials, Date.now()),
      (e: unknown) => void errors.push(`poll: ${(e as Error).message}`),
    );
    void polling.then(() => {
      if (!closed) timer = setTimeout(tick, pollMs);
    });
  };
  timer = setTimeout(tick, pollMs);
  return {
    sse,
    poll,
    events,
    refreshMs: () => summarize(refresh),
    errors,
    close: async () => {
      closed = true;
      clearTimeout(timer);
      connection.close();
      await Promise.allSettled([polling, inFlight]);
    },
  };
}

/** The hub process as the alert and soak scenarios start it: with an SMTP server and an Administrator token. */
export async function startHubWithMail(
  databaseUrl: string,
  options: { smtpUrl?: string; publicUrl?: string; onSpawn?: (pid: number) => void } = {},
): Promise<HubProcess & { adminToken: string }> {
  const args = ['--database-url', databaseUrl, '--admin-token'];
  if (options.smtpUrl) args.push('--smtp-url', options.smtpUrl);
  if (options.publicUrl) args.push('--public-url', options.publicUrl);
  const child = await startChild('bench/programs/hub.ts', args, /hub ready (\{.*\})$/, {
    timeoutMs: 120_000,
    ...(options.onSpawn ? { onSpawn: options.onSpawn } : {}),
  });
  return { child, ...(JSON.parse(child.ready) as Omit<HubProcess, 'child'> & { adminToken: string }) };
}

/** POST JSON to the hub with a token; throws unless 2xx. */
export async function apiPost<T>(hub: HubProcess, token: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${hub.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}
