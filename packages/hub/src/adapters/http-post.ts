import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { ChannelError } from './channel-error.ts';

/** Thrown from inside a connection's name lookup when it gives a refused address. */
class RefusedAddress extends Error {}

/**
 * A name lookup that refuses some addresses at the moment of connecting: checking a name before a
 * request and connecting after it would let DNS answer differently the second time (rebinding).
 */
function guardedLookup(refuse: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      const bad = err ? undefined : addresses.find((a) => refuse(a.address));
      const first = addresses[0];
      if (err) callback(err, '', 0);
      else if (bad) callback(new RefusedAddress(`${hostname} resolves to ${bad.address}`), '', 0);
      else if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}

/**
 * POSTs JSON and fails with a ChannelError unless the receiver answers 2xx. 4xx answers are final
 * (except 408 and 429, which invite a retry); network errors, timeouts and 5xx may pass later.
 * Redirects are not followed. With `refuse`, a name that resolves (when connecting) to a refused
 * address fails for good with `refusedMessage`.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  what: string,
  guard?: { refuse: (address: string) => boolean; message: string },
): Promise<void> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Crosspoint-Hub', ...headers },
        signal: AbortSignal.timeout(timeoutMs),
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
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  }).catch((e: unknown) => {
    if (e instanceof RefusedAddress && guard) throw new ChannelError(guard.message, true);
    const err = e as Error & { code?: string };
    const reason = err.name === 'AbortError' || err.name === 'TimeoutError' ? `no answer within ${String(timeoutMs)} ms` : (err.code ?? err.message);
    throw new ChannelError(`${what} unreachable: ${reason}`, false);
  });
  if (status >= 200 && status < 300) return;
  const permanent = status >= 300 && status < 500 && status !== 408 && status !== 429;
  throw new ChannelError(`${what} answered ${String(status)}${text ? `: ${text.slice(0, 200)}` : ''}`, permanent);
}
