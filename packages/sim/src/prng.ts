/** Mulberry32: a tiny seeded PRNG, so generated sites and injected garbage are reproducible. */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max]. */
export const randomInt = (rnd: Random, min: number, max: number): number =>
  min + Math.floor(rnd() * (max - min + 1));

export function pick<T>(rnd: Random, items: readonly T[]): T {
  const item = items[Math.floor(rnd() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Picks a key by weight. */
export function weighted<T extends string>(rnd: Random, weights: Readonly<Record<T, number>>): T {
  const entries = Object.entries(weights) as [T, number][];
  let r = rnd() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  return (entries.at(-1) as [T, number])[0];
}

const digits = (rnd: Random, n: number): string =>
  Array.from({ length: n }, () => String(Math.floor(rnd() * 10))).join('');

/** A serial in the CP2 format `NNNN-NNNN-NN` [C SEED0]. */
export const randomSerial = (rnd: Random): string => `${digits(rnd, 4)}-${digits(rnd, 4)}-${digits(rnd, 2)}`;

/** A MAC address under a fixed locally-administered prefix [G]. */
export const randomMac = (rnd: Random): string =>
  ['02', '06', 'be', ...Array.from({ length: 3 }, () => randomInt(rnd, 0, 255).toString(16).padStart(2, '0'))]
    .join(':')
    .toUpperCase();
