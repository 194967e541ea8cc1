/** Telnet (RFC 854) bytes both the simulator and the agent driver need. No Node built-ins. */

export const IAC = 0xff;
export const DONT = 0xfe;
export const DO = 0xfd;
export const WONT = 0xfc;
export const WILL = 0xfb;
export const SB = 0xfa;
export const SE = 0xf0;
export const NOP = 0xf1;

export const TelnetOption = { echo: 0x01, suppressGoAhead: 0x03, terminalType: 0x18, naws: 0x1f } as const;

export type NegotiationVerb = 'WILL' | 'WONT' | 'DO' | 'DONT';
export interface TelnetNegotiation {
  verb: NegotiationVerb;
  option: number;
}

const verbByte: Record<NegotiationVerb, number> = { WILL, WONT, DO, DONT };
const verbOfByte = new Map<number, NegotiationVerb>([
  [WILL, 'WILL'],
  [WONT, 'WONT'],
  [DO, 'DO'],
  [DONT, 'DONT'],
]);

export const negotiationVerbOf = (byte: number): NegotiationVerb | undefined => verbOfByte.get(byte);

/** Bytes of one or more negotiations, e.g. `negotiation(['WILL', 1], ['WILL', 3])` = FF FB 01 FF FB 03. */
export function negotiation(...items: [NegotiationVerb, number][]): Uint8Array {
  const out = new Uint8Array(items.length * 3);
  items.forEach(([verb, option], i) => out.set([IAC, verbByte[verb], option & 0xff], i * 3));
  return out;
}

/**
 * The refusal a minimal client/server answers to a peer's request: DO x → WONT x, WILL x → DONT x.
 * WONT/DONT need no answer (answering them would loop). `accept` lists options we agree to.
 */
export function refusalOf(
  n: TelnetNegotiation,
  accept: readonly number[] = [],
): TelnetNegotiation | undefined {
  const ok = accept.includes(n.option);
  if (n.verb === 'DO') return { verb: ok ? 'WILL' : 'WONT', option: n.option };
  if (n.verb === 'WILL') return { verb: ok ? 'DO' : 'DONT', option: n.option };
  return undefined;
}

/** Doubles every 0xFF data byte so it is not read as IAC. */
export function escapeIac(data: Uint8Array): Uint8Array {
  let count = 0;
  for (const b of data) if (b === IAC) count++;
  if (count === 0) return data;
  const out = new Uint8Array(data.length + count);
  let j = 0;
  for (const b of data) {
    out[j++] = b;
    if (b === IAC) out[j++] = IAC;
  }
  return out;
}
