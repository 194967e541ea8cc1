import { describe, expect, it } from 'vitest';
import { LineFramer, detectPrompt, stripCommandPrompt } from './line-framer.ts';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));

const frame = (input: Uint8Array, framer = new LineFramer()): string[] => framer.push(input).lines;

/** Mulberry32: a small seeded PRNG, so a failing case can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe(LineFramer.name, () => {
  it('splits on CR, LF, CRLF and LFCR and drops empty lines', () => {
    expect(frame(bytes('a\r\nb\n\rc\rd\ne\r\n\r\n'))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('keeps a partial line until its end arrives, across chunks', () => {
    const f = new LineFramer();
    expect(f.push(bytes('=> BOX DSP1 UNIT')).lines).toEqual([]);
    expect(f.pendingText()).toBe('=> BOX DSP1 UNIT');
    expect(f.push(bytes(' SN 0196-1743-08\n')).lines).toEqual(['=> BOX DSP1 UNIT SN 0196-1743-08']);
    expect(f.push(bytes('\r')).lines).toEqual([]);
  });

  it('strips IAC negotiation and reports it, even split across chunks', () => {
    const f = new LineFramer();
    const a = f.push(bytes([0xff, 0xfb, 0x01, 0xff]));
    expect(a.negotiations).toEqual([{ verb: 'WILL', option: 1 }]);
    const b = f.push(bytes([0xfb], [0x03], 'Username: '));
    expect(b.negotiations).toEqual([{ verb: 'WILL', option: 3 }]);
    expect(f.pendingText()).toBe('Username: ');
    expect(f.prompt()).toBe('username');
  });

  it('reads IAC IAC as a literal 0xFF byte and skips subnegotiations and commands', () => {
    const f = new LineFramer();
    const out = f.push(
      bytes('a', [0xff, 0xfa, 0x18, 0x00], 'xterm', [0xff, 0xff, 0xff, 0xf0], 'b', [0xff, 0xf1], 'c\n'),
    );
    expect(out.lines).toEqual(['abc']);
    expect(frame(bytes('x', [0xff, 0xff], '\n'))).toEqual(['x\uFFFD']);
  });

  it('drops a stray IAC before a data byte and abandons a negotiation cut by an end of line', () => {
    const f = new LineFramer();
    expect(f.push(bytes('a', [0xff], 'b\n', [0xff, 0xfd], '\nc\n')).lines).toEqual(['ab', 'c']);
    expect(f.stats.strayIac).toBe(2);
    expect(f.push(bytes([0xff, 0xfa], 'junk\r\nok\n')).lines).toEqual(['ok']);
    expect(f.stats.abandonedSubnegotiations).toBe(1);
  });

  it('discards overlong lines up to the next end of line and counts them', () => {
    const f = new LineFramer({ maxLineBytes: 16 });
    expect(f.push(bytes('x'.repeat(40), '\nshort\n')).lines).toEqual(['short']);
    expect(f.stats.overlongLines).toBe(1);
    expect(f.push(bytes('y'.repeat(16), '\n')).lines).toEqual(['y'.repeat(16)]);
  });

  it('decodes invalid UTF-8 to replacement characters and counts it', () => {
    const f = new LineFramer();
    expect(f.push(bytes('ok ', [0xc3, 0xa9], ' ', [0xc3], ' ', [0x80], '\n')).lines).toEqual([
      'ok é \uFFFD \uFFFD',
    ]);
    expect(f.stats.invalidUtf8Lines).toBe(1);
  });

  it('detects prompts at the end of a partial line', () => {
    expect(detectPrompt('Username: ')).toBe('username');
    expect(detectPrompt('banner\r\nlogin:')).toBe('username');
    expect(detectPrompt('Password: ')).toBe('password');
    expect(detectPrompt('=> ')).toBe('command');
    expect(detectPrompt('=> EP MIC')).toBeUndefined();
    expect(detectPrompt('a=>')).toBeUndefined();
  });

  it('strips leading command prompts', () => {
    expect(stripCommandPrompt('=> BOX A UNIT SN 1')).toBe('BOX A UNIT SN 1');
    expect(stripCommandPrompt('=> => EP MIC 101 LEVEL MUTE 0  ')).toBe('EP MIC 101 LEVEL MUTE 0');
    expect(stripCommandPrompt('Error Invalid Paramter(s)')).toBe('Error Invalid Paramter(s)');
  });
});

describe('LineFramer under random byte streams', () => {
  const max = 256;
  const randomBytes = (rnd: () => number, n: number): number[] => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      // Bias towards the interesting bytes: IAC, commands, CR, LF, NUL, high bytes.
      const r = rnd();
      if (r < 0.1) out.push(0xff);
      else if (r < 0.15) out.push(0xf0 + Math.floor(rnd() * 16));
      else if (r < 0.2) out.push(rnd() < 0.5 ? 0x0d : 0x0a);
      else out.push(Math.floor(rnd() * 256));
    }
    return out;
  };
  const wellFormed = (rnd: () => number): string => {
    const n = 1 + Math.floor(rnd() * 60);
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(0x21 + Math.floor(rnd() * 94));
    return s;
  };
  const eols = ['\r\n', '\n\r', '\n', '\r'];

  it('never throws, stays bounded, recovers every well-formed line after garbage, and ignores chunking', () => {
    for (let iter = 0; iter < 3000; iter++) {
      const rnd = prng(iter + 1);
      const garbage = randomBytes(rnd, Math.floor(rnd() * (rnd() < 0.1 ? 2000 : 200)));
      const good = Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => wellFormed(rnd));
      const tail = good.map((l) => l + (eols[Math.floor(rnd() * eols.length)] ?? '\n')).join('');
      const input = bytes(garbage, '\n', tail);

      const whole = new LineFramer({ maxLineBytes: max });
      const expected = whole.push(input).lines;
      expect(expected.slice(-good.length)).toEqual(good);
      for (const l of expected) expect(l.length).toBeLessThanOrEqual(max);

      const chunked = new LineFramer({ maxLineBytes: max });
      const got: string[] = [];
      for (let i = 0; i < input.length;) {
        const n = 1 + Math.floor(rnd() * 17);
        got.push(...chunked.push(input.subarray(i, i + n)).lines);
        i += n;
      }
      expect(got).toEqual(expected);
      expect(chunked.stats).toEqual(whole.stats);
    }
  });

  it('keeps its buffer bounded on a endless line', () => {
    const f = new LineFramer({ maxLineBytes: 4096 });
    const chunk = new Uint8Array(64 * 1024).fill(0x41);
    for (let i = 0; i < 32; i++) expect(f.push(chunk).lines).toEqual([]);
    expect(f.pendingText()).toBe('');
    expect(f.push(bytes('\nafter\n')).lines).toEqual(['after']);
    expect(f.stats.overlongLines).toBe(1);
  });
});
