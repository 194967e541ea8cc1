import { IAC, SB, SE, negotiationVerbOf, type NegotiationVerb, type TelnetNegotiation } from './telnet.ts';

// Declared here instead of pulling in DOM or Node typings: protocol runs in both, and both have it.
declare const TextDecoder: new (
  label?: string,
  options?: { fatal?: boolean },
) => {
  decode(input?: Uint8Array): string;
};

/**
 * Incremental byte → line framer for device telnet streams, used by the simulator (client input) and
 * the agent driver (device output). Pure: no timers, no I/O.
 *
 * - Strips telnet IAC sequences (commands, WILL/WONT/DO/DONT, subnegotiation), also when split across
 *   chunks; `IAC IAC` is a literal 0xFF. Negotiations are reported so the caller can answer them.
 * - Any CR or LF ends a line, so CRLF, LFCR, CR and LF all work; empty lines are dropped (devices.md
 *   §2.1: "drop empty lines"). NUL bytes (telnet `CR NUL`) are dropped.
 * - Lines longer than `maxLineBytes` are discarded up to the next end of line and counted, so the
 *   buffer never grows past that bound.
 * - Invalid UTF-8 decodes to U+FFFD; nothing here throws on any input.
 * - Resynchronises after garbage: a stray IAC before a byte that is no telnet command is dropped, a
 *   negotiation or subnegotiation interrupted by CR/LF is abandoned, so the next line is always whole.
 */

export type PromptKind = 'username' | 'password' | 'command';

export interface LineFramerOptions {
  /** Longest line kept, in bytes (default 4096). */
  maxLineBytes?: number;
  /** Longest subnegotiation payload before it is abandoned (default 512). */
  maxSubnegotiationBytes?: number;
}

export interface FramedChunk {
  lines: string[];
  negotiations: TelnetNegotiation[];
}

export interface FramerStats {
  lines: number;
  overlongLines: number;
  invalidUtf8Lines: number;
  strayIac: number;
  abandonedSubnegotiations: number;
}

const CR = 0x0d;
const LF = 0x0a;
const NUL = 0x00;
const initialCapacity = 128;

const State = { Data: 0, Iac: 1, Negotiation: 2, Sub: 3, SubIac: 4 } as const;
type State = (typeof State)[keyof typeof State];

const decoder = new TextDecoder('utf-8', { fatal: false });

export class LineFramer {
  readonly stats: FramerStats = {
    lines: 0,
    overlongLines: 0,
    invalidUtf8Lines: 0,
    strayIac: 0,
    abandonedSubnegotiations: 0,
  };
  private readonly maxLine: number;
  private readonly maxSub: number;
  private buf = new Uint8Array(initialCapacity);
  private len = 0;
  private discarding = false;
  private state: State = State.Data;
  private verb: NegotiationVerb = 'WILL';
  private subLen = 0;

  constructor(options: LineFramerOptions = {}) {
    this.maxLine = Math.max(1, options.maxLineBytes ?? 4096);
    this.maxSub = Math.max(1, options.maxSubnegotiationBytes ?? 512);
  }

  /** Feeds bytes; returns the lines completed by them and any telnet negotiations seen. */
  push(chunk: Uint8Array): FramedChunk {
    const out: FramedChunk = { lines: [], negotiations: [] };
    for (const b of chunk) this.byte(b, out);
    return out;
  }

  /** The text received since the last end of line (decoded; empty while an overlong line is skipped). */
  pendingText(): string {
    return this.discarding ? '' : decoder.decode(this.buf.subarray(0, this.len));
  }

  /** A prompt waiting at the end of the partial line, if any: `Username: `, `Password: ` or `=> `. */
  prompt(): PromptKind | undefined {
    return detectPrompt(this.pendingText());
  }

  /** Forgets the partial line and any half-read telnet sequence (e.g. after a reconnect). */
  reset(): void {
    this.len = 0;
    this.discarding = false;
    this.state = State.Data;
    if (this.buf.length > initialCapacity) this.buf = new Uint8Array(initialCapacity);
  }

  private byte(b: number, out: FramedChunk): void {
    switch (this.state) {
      case State.Data:
        this.data(b, out);
        return;
      case State.Iac:
        this.afterIac(b, out);
        return;
      case State.Negotiation:
        this.state = State.Data;
        if (b === CR || b === LF) {
          this.stats.strayIac++;
          this.data(b, out);
        } else {
          out.negotiations.push({ verb: this.verb, option: b });
        }
        return;
      case State.Sub:
        if (b === IAC) this.state = State.SubIac;
        else if (b === CR || b === LF) this.abandonSub(b, out);
        else if (++this.subLen > this.maxSub) this.abandonSub(NUL, out);
        return;
      case State.SubIac:
        if (b === SE) this.state = State.Data;
        else if (b === IAC) {
          this.state = State.Sub;
          if (++this.subLen > this.maxSub) this.abandonSub(NUL, out);
        } else {
          this.stats.abandonedSubnegotiations++;
          this.afterIac(b, out);
        }
        return;
    }
  }

  private abandonSub(b: number, out: FramedChunk): void {
    this.stats.abandonedSubnegotiations++;
    this.state = State.Data;
    this.data(b, out);
  }

  private afterIac(b: number, out: FramedChunk): void {
    this.state = State.Data;
    if (b === IAC) {
      this.append(b);
      return;
    }
    const verb = negotiationVerbOf(b);
    if (verb) {
      this.verb = verb;
      this.state = State.Negotiation;
    } else if (b === SB) {
      this.subLen = 0;
      this.state = State.Sub;
    } else if (b < SE) {
      // Not a telnet command: the IAC was stray (garbage); keep the byte as data.
      this.stats.strayIac++;
      this.data(b, out);
    }
    // Other commands (NOP, GA, AYT, …) carry no data: dropped.
  }

  private data(b: number, out: FramedChunk): void {
    if (b === IAC) this.state = State.Iac;
    else if (b === CR || b === LF) this.endLine(out);
    else if (b !== NUL) this.append(b);
  }

  private append(b: number): void {
    if (this.discarding) return;
    if (this.len >= this.maxLine) {
      this.discarding = true;
      this.stats.overlongLines++;
      this.len = 0;
      if (this.buf.length > initialCapacity) this.buf = new Uint8Array(initialCapacity);
      return;
    }
    if (this.len === this.buf.length) {
      const bigger = new Uint8Array(Math.min(this.maxLine, this.buf.length * 2));
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.len++] = b;
  }

  private endLine(out: FramedChunk): void {
    if (this.discarding) {
      this.discarding = false;
      return;
    }
    if (this.len === 0) return;
    const line = decoder.decode(this.buf.subarray(0, this.len));
    this.len = 0;
    if (line.includes('\uFFFD')) this.stats.invalidUtf8Lines++;
    this.stats.lines++;
    out.lines.push(line);
  }
}

/** Classifies the text of a partial line: a login prompt, the `=> ` command prompt, or nothing. */
export function detectPrompt(partial: string): PromptKind | undefined {
  if (/(?:user\s?name|login)\s*:\s*$/i.test(partial)) return 'username';
  if (/password\s*:\s*$/i.test(partial)) return 'password';
  if (/(?:^|\s)=>\s*$/.test(partial)) return 'command';
  return undefined;
}

/** Removes leading `=>` prompts (one or several) and spaces from a device line. */
export const stripCommandPrompt = (line: string): string => line.replace(/^(?:\s*=>)+\s*/, '').trimEnd();
