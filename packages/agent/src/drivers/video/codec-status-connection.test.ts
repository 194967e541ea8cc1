import { describe, expect, it } from 'vitest';
import { parseResponse } from './codec-status-connection.ts';

const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('parseResponse', () => {
  it('waits for the whole Content-Length body, and keeps the connection unless told to close', () => {
    const head = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: 7\r\n\r\n';
    expect(parseResponse(bytes(head), false)).toBeUndefined();
    expect(parseResponse(bytes(`${head}{"a":`), false)).toBeUndefined();
    const done = parseResponse(bytes(`${head}{"a":1}`), false);
    expect(done && { ...done, body: done.body.toString() }).toEqual({
      code: 200,
      body: '{"a":1}',
      keepAlive: true,
    });
    expect(
      parseResponse(bytes(`${head.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n')}{"a":1}`), false)
        ?.keepAlive,
    ).toBe(false);
  });

  it('reads a chunked body once its last chunk is in', () => {
    const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
    expect(parseResponse(bytes(`${head}3\r\n{"a\r\n`), false)).toBeUndefined();
    expect(parseResponse(bytes(`${head}3\r\n{"a\r\n4\r\n":1}\r\n0\r\n\r\n`), false)?.body.toString()).toBe(
      '{"a":1}',
    );
  });

  it('ends a body without a length at close, and gives code 0 to a cut-off response', () => {
    const head = 'HTTP/1.0 503 Busy\r\n\r\n';
    expect(parseResponse(bytes(`${head}later`), false)).toBeUndefined();
    expect(parseResponse(bytes(`${head}later`), true)).toMatchObject({ code: 503, keepAlive: false });
    expect(parseResponse(bytes('HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n{}'), true)?.code).toBe(0);
    expect(parseResponse(bytes('HTTP/1.1 200 OK\r\nContent-'), true)?.code).toBe(0);
  });
});
