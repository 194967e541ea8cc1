// Small conversions shared by the hub scenarios (unit-tested).

/** CPU time spent per 1,000 events, in ms, from a CPU share (% of one core) over `seconds`. */
export function cpuMsPerThousand(cpuPercentOfOneCore: number, seconds: number, events: number): number {
  if (events <= 0) return Number.NaN;
  return ((cpuPercentOfOneCore / 100) * seconds * 1000 * 1000) / events;
}

/** Bytes over `seconds` as kbit/s (1 kbit = 1,000 bit, as link speeds are quoted). */
export function kbitPerSecond(bytes: number, seconds: number): number {
  return seconds > 0 ? (bytes * 8) / 1000 / seconds : Number.NaN;
}

/**
 * Bytes a stream of TCP payload writes would take on an Ethernet link: each write of `n` bytes
 * leaves as ⌈n / mss⌉ segments (at least one), each with `header` bytes of Ethernet + IPv4 + TCP
 * (14 + 20 + 32 with timestamps). Acknowledgements travelling the other way are not counted.
 */
export function ethernetBytes(writes: readonly number[], mss = 1448, header = 66): number {
  let total = 0;
  for (const n of writes) total += n + Math.max(1, Math.ceil(n / mss)) * header;
  return total;
}
