import { describe, expect, it } from 'vitest';
import { SseParser } from './sse.ts';

describe(SseParser.name, () => {
  it('parses events split across chunks, skipping comments and retry', () => {
    const p = new SseParser();
    expect(p.push('retry: 2000\nevent: hello\nda')).toEqual([]);
    expect(p.push('ta: {}\n\n: keep-alive\n\nevent: devices\ndata: {"changed":2}\n\n')).toEqual([
      { event: 'hello', data: '{}' },
      { event: 'devices', data: '{"changed":2}' },
    ]);
  });
  it('defaults the event name, joins data lines and accepts CRLF', () => {
    const p = new SseParser();
    expect(p.push('data: a\r\ndata: b\r\n\r\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
  });
});
