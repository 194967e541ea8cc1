// A TCP proxy on 127.0.0.1 that counts every byte each way, with times: put between the agent
// and the hub, it measures the link's traffic on the wire without touching either program.
import { createServer, connect, type Socket } from 'node:net';

export type Direction = 'up' | 'down';

/** One read on the proxy: `up` = client (agent) → target (hub), `down` = the reverse. */
export interface Chunk {
  at: number;
  connection: number;
  direction: Direction;
  bytes: number;
}

export interface CountingProxy {
  /** `http://127.0.0.1:PORT` (`https://` with `tls`): give this to the client instead of the target. */
  url: string;
  chunks: Chunk[];
  /** When each connection (numbered from 1) was accepted. */
  openedAt: Map<number, number>;
  /** Cuts every open connection (both sides), as a network outage would. */
  cut(): void;
  /** Cuts every open connection and drops new ones (not counted) until `restore()`: an outage that lasts. */
  outage(): void;
  restore(): void;
  close(): Promise<void>;
}

/** With `tls`, the bytes counted are TLS records: the proxy passes them on unopened. */
export async function startCountingProxy(
  target: { host: string; port: number },
  options: { tls?: boolean } = {},
): Promise<CountingProxy> {
  const chunks: Chunk[] = [];
  const openedAt = new Map<number, number>();
  const open = new Set<Socket>();
  let next = 0;
  let down = false;
  const server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const connection = ++next;
    openedAt.set(connection, Date.now());
    const upstream = connect(target);
    for (const [from, to, direction] of [
      [client, upstream, 'up'],
      [upstream, client, 'down'],
    ] as const) {
      open.add(from);
      from.on('data', (data: Buffer) => {
        chunks.push({ at: Date.now(), connection, direction, bytes: data.length });
        to.write(data);
      });
      from.on('error', () => to.destroy());
      from.on('close', () => {
        open.delete(from);
        to.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${String(port)}`,
    chunks,
    openedAt,
    cut: () => {
      for (const s of open) s.destroy();
    },
    outage: () => {
      down = true;
      for (const s of open) s.destroy();
    },
    restore: () => {
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Chunks one way, optionally of one connection, with `from < at ≤ to`. */
export function chunksIn(
  chunks: readonly Chunk[],
  direction: Direction,
  from: number,
  to: number,
  connection?: number,
): Chunk[] {
  return chunks.filter(
    (c) =>
      c.direction === direction &&
      c.at > from &&
      c.at <= to &&
      (connection === undefined || c.connection === connection),
  );
}

export const totalBytes = (chunks: readonly Chunk[]): number => chunks.reduce((n, c) => n + c.bytes, 0);

/**
 * End of the burst of traffic that starts at the first chunk after `from`: the time of the last
 * chunk before a silence of at least `quietMs` (either way). Undefined when nothing came after
 * `from`, or when the silence has not lasted `quietMs` yet at `now`.
 */
export function burstEnd(
  chunks: readonly Chunk[],
  from: number,
  quietMs: number,
  now: number,
): number | undefined {
  const times = chunks
    .filter((c) => c.at > from)
    .map((c) => c.at)
    .sort((a, b) => a - b);
  if (times.length === 0) return undefined;
  let last = times[0] as number;
  for (const t of times) {
    if (t - last >= quietMs) return last;
    last = t;
  }
  return now - last >= quietMs ? last : undefined;
}
