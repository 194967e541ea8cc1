import { networkInterfaces } from 'node:os';

/** One enabled subnet of the agent: the CIDR to sweep, the control port of its devices and the NIC it is reached through. */
export interface SubnetSpec {
  cidr: string;
  /** Network address, e.g. 127.20.1.0. */
  network: string;
  prefix: number;
  port: number;
  interface: string;
}

const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function ipToInt(ip: string): number {
  const m = ipv4.exec(ip);
  if (!m) throw new Error(`Not an IPv4 address: ${ip}`);
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) throw new Error(`Not an IPv4 address: ${ip}`);
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

export const intToIp = (n: number): string =>
  [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** Smallest prefix the agent sweeps (a /16 is 65,534 hosts). */
export const minPrefix = 16;

/**
 * Parses `CIDR[:port][@interface]`, comma-separated, e.g. `127.20.1.0/24:2323@sim1, 10.0.0.0/24`.
 * The port defaults to `defaultPort` (telnet 23); the interface to the local NIC holding an
 * address in the subnet (loopback for 127/8), else `unknown`.
 */
export function parseSubnets(text: string, defaultPort = 23): SubnetSpec[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((entry) => {
      const m = /^([\d.]+)\/(\d{1,2})(?::(\d{1,5}))?(?:@([\w.:-]+))?$/.exec(entry);
      if (!m?.[1] || !m[2])
        throw new Error(`Subnet "${entry}" is not CIDR[:port][@interface], e.g. 192.168.0.0/24:23@eth0.`);
      const prefix = Number(m[2]);
      if (prefix < minPrefix || prefix > 32)
        throw new Error(`Subnet "${entry}": prefix must be /${minPrefix}../32.`);
      const port = m[3] === undefined ? defaultPort : Number(m[3]);
      if (port < 1 || port > 65535) throw new Error(`Subnet "${entry}": port must be 1..65535.`);
      const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
      const network = intToIp((ipToInt(m[1]) & mask) >>> 0);
      return {
        cidr: `${network}/${prefix}`,
        network,
        prefix,
        port,
        interface: m[4] ?? interfaceFor(network, prefix),
      };
    });
}

/** The host addresses of a subnet (network and broadcast excluded below /31). */
export function hostsOf(subnet: Pick<SubnetSpec, 'network' | 'prefix'>): string[] {
  const base = ipToInt(subnet.network);
  const size = 2 ** (32 - subnet.prefix);
  const [first, last] = size <= 2 ? [0, size - 1] : [1, size - 2];
  const hosts: string[] = [];
  for (let i = first; i <= last; i++) hosts.push(intToIp(base + i));
  return hosts;
}

export function inSubnet(ip: string, subnet: Pick<SubnetSpec, 'network' | 'prefix'>): boolean {
  const mask = subnet.prefix === 0 ? 0 : (0xffffffff << (32 - subnet.prefix)) >>> 0;
  return (ipToInt(ip) & mask) >>> 0 === ipToInt(subnet.network);
}

function interfaceFor(network: string, prefix: number): string {
  for (const [name, addresses] of Object.entries(networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (a.family === 'IPv4' && inSubnet(a.address, { network, prefix })) return name;
    }
  }
  return network.startsWith('127.') ? 'lo' : 'unknown';
}
