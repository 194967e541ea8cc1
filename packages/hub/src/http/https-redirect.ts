// A plain-HTTP port that only sends people to the hub's HTTPS (someone typed http://hub): the same
// path and query on https, at the public URL's origin when one is set, else at the host asked for
// on the HTTPS port. Nothing else is served on it, and the agent link is not redirected (agents are
// given https:// or wss:// URLs).
import { createServer, type Server } from 'node:http';

export interface HttpsRedirect {
  port: number;
  close(): Promise<void>;
}

/** A host name (or IPv4 / bracketed IPv6 address) as it may appear in a Host header, without the port. */
const hostPattern = /^(\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9.-]+)(:\d+)?$/;

/** Where a request for `url` with `Host: host` goes; undefined when the host cannot be used. */
export function httpsLocation(
  url: string,
  host: string | undefined,
  target: { publicOrigin?: string | undefined; httpsPort: number },
): string | undefined {
  const path = url.startsWith('/') ? url : '/';
  if (target.publicOrigin) return `${target.publicOrigin}${path}`;
  const m = hostPattern.exec(host ?? '');
  if (!m?.[1]) return undefined;
  const port = target.httpsPort === 443 ? '' : `:${String(target.httpsPort)}`;
  return `https://${m[1]}${port}${path}`;
}

export async function startHttpsRedirect(options: {
  host: string;
  port: number;
  httpsPort: number;
  publicOrigin?: string | undefined;
}): Promise<HttpsRedirect> {
  const server: Server = createServer((req, res) => {
    const location = httpsLocation(req.url ?? '/', req.headers.host, options);
    if (!location) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Use https://\n');
      return;
    }
    res.writeHead(301, { location, 'content-type': 'text/plain; charset=utf-8' }).end(`${location}\n`);
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
