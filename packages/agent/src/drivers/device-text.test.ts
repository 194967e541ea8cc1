// What devices say, fuzzed: no bytes a CP2 box, a BMA mic or a codec sends make a driver throw, and
// every text the drivers pass on is clean and bounded (nothing a link frame cannot carry).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isCleanText, linkTextLimits, type Cp2Reply } from '@crosspoint/protocol';
import { FakeStream } from '../test/fake-stream.ts';
import { Cp2Connection } from './cp2/cp2-connection.ts';
import { Bma360dLink, type Bma360dReply } from './bma360d/bma360d-link.ts';
import { CodecStatusConnection, parseResponse } from './video/codec-status-connection.ts';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
/** Text a device might hold in a name: control characters (C0, DEL, C1), invalid UTF-8, emoji, long runs. */
const hostileText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '\u0000',
      '\u0001',
      '\u001b',
      '\u007f',
      '\u0085',
      '\u009b',
      '\ufffd',
      '🎤',
      'é',
      'x',
      'Room',
    ),
    fc.integer({ min: 0x20, max: 0xffff }).map((c) => String.fromCharCode(c)),
  ),
  minLength: 1,
  maxLength: 200,
});
/** A line a device might write: a dialect line with hostile values, or bytes at random. */
const deviceLine = (templates: ((v: string) => string)[]) =>
  fc.oneof(
    fc.tuple(fc.constantFrom(...templates), hostileText).map(([t, v]) => utf8(t(v.replace(/\s/g, '_')))),
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
    fc.constant(Buffer.from([0xff, 0xfb, 0x01, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x0d, 0x0a])),
  );

/** Every text parameter of the replies is clean and within the longest limit the drivers apply. */
function expectCleanParams(replies: { params: object }[]): void {
  for (const r of replies) {
    for (const [key, value] of Object.entries(r.params)) {
      if (typeof value !== 'string') continue;
      expect(isCleanText(value), `${key}: ${JSON.stringify(value)}`).toBe(true);
      const limit =
        key === 'serial'
          ? linkTextLimits.serial
          : key === 'firmware'
            ? linkTextLimits.firmware
            : key === 'box'
              ? linkTextLimits.name
              : 1000;
      expect(value.length, key).toBeLessThanOrEqual(limit);
    }
  }
}

describe('device text in the drivers', () => {
  it('CP2: no bytes make the connection throw, and every reply carries clean, bounded text', () => {
    const templates = [
      (v: string) => `=> BOX ${v} UNIT SN ${v}\r\n`,
      (v: string) => `=> BOX Room UNIT FW_VERSION ${v}\r\n`,
      (v: string) => `=> STACK INFO NAME ${v} BOXES 1 SELF 00\r\n=> STACK INFO BOX 00 1 ${v} CP2-128V\r\n`,
      (v: string) => `=> BOX Room PLINK ITEM 01 1 1 ${v} ${v}${v}${v} ${v} ${v}\n\r`,
      (v: string) => `=> EP UA 101 NOTIFICATION STATE_CHANGE ${v}\r\n`,
    ];
    fc.assert(
      fc.property(fc.array(deviceLine(templates), { maxLength: 8 }), (chunks) => {
        const stream = new FakeStream();
        const replies: Cp2Reply[] = [];
        const conn = new Cp2Connection(stream, { onReply: (r) => replies.push(r), onClose: () => undefined });
        void conn.login({ username: 'clearone', password: 'converge' }, 1000).catch(() => undefined);
        stream.feed('Username: \r\nPassword: \r\n=> ');
        for (const chunk of chunks) stream.feed(chunk);
        conn.close();
        expectCleanParams(replies);
      }),
      { numRuns: 300 },
    );
  });

  it('CP2: a box name or serial with control characters reaches the session cleaned', async () => {
    const stream = new FakeStream();
    const replies: Cp2Reply[] = [];
    const conn = new Cp2Connection(stream, { onReply: (r) => replies.push(r), onClose: () => undefined });
    const login = conn.login({ username: 'clearone', password: 'converge' }, 1000);
    stream.feed('Username: \r\nPassword: \r\n=> ');
    await login;
    stream.feed(utf8(`=> BOX Ro\u001bom\u0085 UNIT SN SN\u007f1${'9'.repeat(100)}\r\n`));
    expect(replies).toEqual([{ name: 'boxSerial', params: { box: 'Room', serial: `SN1${'9'.repeat(57)}` } }]);
    conn.close();
  });

  it('BMA 360D: no bytes make the link throw, and every reply carries clean, bounded text', () => {
    const templates = [
      (v: string) => `SERIAL ${v}\r\n`,
      (v: string) => `VERSION ${v}\r\n`,
      (v: string) => `${v}\r\n`,
    ];
    fc.assert(
      fc.property(fc.array(deviceLine(templates), { maxLength: 8 }), (chunks) => {
        const stream = new FakeStream();
        const replies: Bma360dReply[] = [];
        const link = new Bma360dLink(
          stream,
          { onReply: (r) => replies.push(r), onClose: () => undefined },
          () => 0,
        );
        for (const chunk of chunks) stream.feed(chunk);
        link.close();
        expectCleanParams(replies);
      }),
      { numRuns: 300 },
    );
  });

  it('codecs: any response either fails the poll or gives a status with clean, bounded text', async () => {
    const statusOf = (name: unknown, serial: unknown) =>
      JSON.stringify({
        model: 'CL600',
        name,
        serial,
        firmware: 'f\u0000w'.repeat(30),
        mac: '00:11',
        csRegistered: true,
        csServer: 'cs\ud800',
        uptimeSeconds: 5,
      });
    const body = fc.oneof(
      fc.tuple(hostileText, hostileText).map(([n, s]) => statusOf(n, s)),
      fc.tuple(hostileText, fc.oneof(fc.integer(), fc.constant(null))).map(([n, s]) => statusOf(n, s)),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      hostileText,
    );
    const response = fc.oneof(
      body.map((b) =>
        Buffer.concat([
          utf8(`HTTP/1.1 200 OK\r\nContent-Length: ${String(utf8(b).length)}\r\n\r\n`),
          utf8(b),
        ]),
      ),
      body.map((b) =>
        utf8(
          `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${(utf8(b).length || 1).toString(16)}\r\n${b}\r\n0\r\n\r\n`,
        ),
      ),
      fc
        .uint8Array({ maxLength: 400 })
        .map((b) => Buffer.concat([utf8('HTTP/1.1 200 OK\r\n'), Buffer.from(b)])),
    );
    await fc.assert(
      fc.asyncProperty(response, fc.integer({ min: 1, max: 50 }), async (bytes, cut) => {
        // parseResponse alone, on every prefix cut: never throws.
        for (let at = 0; at <= bytes.length; at += cut)
          parseResponse(bytes.subarray(0, at), at >= bytes.length);
        const stream = new FakeStream();
        const http = new CodecStatusConnection('127.0.0.1', 80, () => Promise.resolve(stream));
        const polled = http.fetch(5_000).then(
          (status) => status,
          () => undefined,
        );
        // The request written: the connection listens.
        while (stream.writes.length === 0) await new Promise((r) => setImmediate(r));
        for (let at = 0; at < bytes.length; at += cut) stream.feed(bytes.subarray(at, at + cut));
        stream.destroy();
        const status = await polled;
        http.close();
        if (!status) return;
        for (const [key, limit] of [
          ['name', 120],
          ['serial', 60],
          ['firmware', 40],
          ['model', 60],
          ['csServer', 1000],
        ] as const) {
          expect(isCleanText(status[key]), key).toBe(true);
          expect(status[key].length, key).toBeLessThanOrEqual(limit);
        }
      }),
      { numRuns: 200 },
    );
  });
});
