import type { Random } from '../prng.ts';

/** Kinds of junk the `garbage` fault writes (devices.md §5.7). All but `unterminated` end with an EOL. */
export const garbageKinds = ['bytes', 'iac', 'lfcr', 'long', 'utf8', 'unterminated'] as const;
export type GarbageKind = (typeof garbageKinds)[number];
export const defaultGarbageKinds: GarbageKind[] = ['bytes', 'iac', 'lfcr', 'long', 'utf8'];

/** Random bytes that are neither IAC nor an end of line (those have kinds of their own). */
function noise(rnd: Random, n: number): number[] {
  return Array.from({ length: n }, () => {
    const b = Math.floor(rnd() * 254);
    return b === 0x0a || b === 0x0d ? 0x3f : b;
  });
}

/** One chunk of junk of the given kind. */
export function garbageChunk(rnd: Random, kind: GarbageKind): Buffer {
  switch (kind) {
    case 'bytes':
      return Buffer.from([...noise(rnd, 1 + Math.floor(rnd() * 48)), 0x0d, 0x0a]);
    case 'iac':
      // NOP, a stray negotiation, a complete subnegotiation and a lone IAC before a data byte.
      return Buffer.from([
        0xff, 0xf1, 0xff, 0xfb, 0x05, 0xff, 0xfa, 0x18, 0x01, 0xff, 0xf0, 0xff, 0x41, 0x0d, 0x0a,
      ]);
    case 'lfcr':
      return Buffer.from('NOISE LFCR LINE\n\r', 'latin1');
    case 'long':
      return Buffer.concat([Buffer.alloc(5000, 0x58), Buffer.from('\r\n')]);
    case 'utf8':
      return Buffer.from([0x45, 0x52, 0xc3, 0x28, 0x20, 0xe2, 0x82, 0x20, 0x80, 0xbf, 0xf8, 0x0d, 0x0a]);
    case 'unterminated':
      return Buffer.from(noise(rnd, 1 + Math.floor(rnd() * 16)));
  }
}
