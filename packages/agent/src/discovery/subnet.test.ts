import { describe, expect, it } from 'vitest';
import { hostsOf, inSubnet, parseSubnets } from './subnet.ts';

describe(parseSubnets.name, () => {
  it('reads CIDR, port and interface, normalising the network address', () => {
    expect(parseSubnets('127.20.1.7/24:2323@sim1, 127.20.2.0/30', 23)).toEqual([
      { cidr: '127.20.1.0/24', network: '127.20.1.0', prefix: 24, port: 2323, interface: 'sim1' },
      { cidr: '127.20.2.0/30', network: '127.20.2.0', prefix: 30, port: 23, interface: 'lo' },
    ]);
  });

  it.each(['127.0.0.1', '127.0.0.0/8', '300.1.1.0/24', '127.0.0.0/24:0', '127.0.0.0/24:99999', 'x/24'])(
    'refuses %s',
    (bad) => {
      expect(() => parseSubnets(bad)).toThrow(/Subnet|IPv4/);
    },
  );
});

describe(hostsOf.name, () => {
  it('lists host addresses without network and broadcast', () => {
    expect(hostsOf({ network: '127.20.1.0', prefix: 30 })).toEqual(['127.20.1.1', '127.20.1.2']);
    expect(hostsOf({ network: '127.20.1.0', prefix: 24 })).toHaveLength(254);
    expect(hostsOf({ network: '127.20.1.5', prefix: 32 })).toEqual(['127.20.1.5']);
  });

  it('tests membership', () => {
    expect(inSubnet('127.20.1.200', { network: '127.20.1.0', prefix: 24 })).toBe(true);
    expect(inSubnet('127.20.2.1', { network: '127.20.1.0', prefix: 24 })).toBe(false);
  });
});
