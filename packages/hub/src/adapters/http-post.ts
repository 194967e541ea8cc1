import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ChannelError } from './channel-error.ts';
import { guardedLookup, RefusedAddress } from './private-address.ts';

/** Why a connection failed, for the delivery log: "ENOTFOUND (getaddrinfo ENOTFOUND x.invalid)", "no answer within 5000 ms". */
export function connectionFailure(e: unknown, timeoutMs: number): string {
  const err: Error & { code?: unknown } = e instanceof Error ? e : new Error(String(e));
  if (err.name === 'AbortError' || err.name === 'TimeoutError')
    return `no answer within ${String(timeoutMs)} ms`;
  const code = typeof err.code === 'string' ? err.code : undefined;
  if (!code) return err.message;
  return err.message && !err.message.includes(code) ? `${code} (${err.message})` : err.message || code;
}

/**
 * POSTs JSON and fails with a ChannelError unless the receiver answers 2xx. 4xx answers are final
 * (except 408 and 429, which invite a retry); network errors, TLS errors, timeouts and 5xx may
 * pass later. Redirects are not followed. With `refuse`, a name that resolves (when connecting) to
 * a refused address fails for good with `refusedMessage`. It never throws anything but a
 * ChannelError, and nothing it starts can throw outside the returned promise.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  what: string,
  guard?: { refuse: (address: string) => boolean; message: string },
): Promise<void> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new ChannelError(`${what} has no valid URL.`, true);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new ChannelError(`${what} URL must start with http:// or https://.`, true);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Crosspoint-Hub',
          ...headers,
        },
        signal: AbortSignal.timeout(timeoutMs),
        // A connection of its own, closed after the answer. Node's shared agent keeps idle sockets
        // for 5 s, exactly as long as a Node receiver keeps them open: a call that reuses one the
        // receiver is closing fails with ECONNRESET before the receiver reads it, and the alert
        // waits for its retry. Alert and SMS calls are few; a handshake each costs little.
        agent: false,
        ...(guard ? { lookup: guardedLookup(guard.refuse) } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          // Only the start of an answer is kept (for the delivery log).
          if (size < 4096) chunks.push(c);
          size += c.length;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  }).catch((e: unknown) => {
    if (e instanceof RefusedAddress && guard) throw new ChannelError(guard.message, true);
    throw new ChannelError(`${what} unreachable: ${connectionFailure(e, timeoutMs)}`, false);
  });
  if (status >= 200 && status < 300) return;
  const permanent = status >= 300 && status < 500 && status !== 408 && status !== 429;
  throw new ChannelError(
    `${what} answered ${String(status)}${text ? `: ${text.slice(0, 200)}` : ''}`,
    permanent,
  );
}
