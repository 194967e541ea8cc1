import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Loopback, private, link-local, shared and multicast ranges: not for a tenant's webhook or mail server by default. */
const privateRanges = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const) {
  privateRanges.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  privateRanges.addSubnet(net, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return privateRanges.check(mapped, 'ipv4');
  return privateRanges.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** Whether `host` (a name, an IP, or a bracketed IPv6) is, or resolves to, a private address; returns that host as shown to people. */
export async function privateHost(host: string): Promise<string | undefined> {
  const bare = host.replace(/^\[|\]$/g, '');
  // A name that does not resolve is not private: connecting to it fails on its own.
  const addresses = isIP(bare)
    ? [bare]
    : (
        await Promise.resolve()
          .then(() => lookup(bare, { all: true }))
          .catch(() => [])
      ).map((a) => a.address);
  return addresses.some(isPrivateAddress) ? bare : undefined;
}

/** A connection's name lookup gave an address it must not reach (see guardedLookup). */
export class RefusedAddress extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} resolves to ${address}`);
    this.name = 'RefusedAddress';
  }
}

/**
 * A name lookup for a connection (`lookup` of node:net, http and tls) that refuses some addresses
 * at the moment of connecting: checking a name before connecting and connecting after would let
 * DNS answer differently the second time (rebinding). It never throws: every outcome, including a
 * failed lookup, goes to the callback as net expects.
 */
export function guardedLookup(refuse: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    const answer = (err: Error | null, addresses: LookupAddress[]) => {
      const first = addresses[0];
      const bad = addresses.find((a) => refuse(a.address));
      if (err) callback(err, '', 0);
      else if (!first)
        callback(
          Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }),
          '',
          0,
        );
      else if (bad) callback(new RefusedAddress(hostname, bad.address), '', 0);
      else if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, first.address, first.family);
    };
    try {
      dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[] | undefined) => {
        answer(err, err ? [] : (addresses ?? []));
      });
    } catch (e) {
      // Bad arguments throw synchronously; net expects the answer later, as a lookup gives it.
      process.nextTick(() => answer(e instanceof Error ? e : new Error(String(e)), []));
    }
  };
}
