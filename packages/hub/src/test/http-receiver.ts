import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A real HTTP server on 127.0.0.1 that keeps every POST it receives (webhook and SMS receivers in
 * tests). `delayMs` holds each answer back; `status` answers with another status.
 */
export async function startHttpReceiver(options: { delayMs?: number; status?: number } = {}) {
  const requests: ReceivedRequest[] = [];
  const waiters: (() => void)[] = [];
  const settings = { delayMs: options.delayMs ?? 0, status: options.status ?? 200 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      for (const w of waiters.splice(0)) w();
      setTimeout(() => {
        res.writeHead(settings.status, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      }, settings.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    requests,
    settings,
    /** Waits until `count` requests to `path` arrived; returns them. */
    async waitFor(path: string, count = 1, timeoutMs = 30_000): Promise<ReceivedRequest[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const matching = requests.filter((r) => r.path === path);
        if (matching.length >= count) return matching;
        if (Date.now() > deadline)
          throw new Error(
            `only ${String(matching.length)} of ${String(count)} requests to ${path} within ${String(timeoutMs)} ms`,
          );
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
