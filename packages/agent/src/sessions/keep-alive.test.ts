import { describe, expect, it } from 'vitest';
import { KeepAlive } from './keep-alive.ts';

describe(KeepAlive.name, () => {
  const timings = { keepAliveMs: 1000, keepAliveTimeoutMs: 1500 };

  it('pings after a silent interval and waits for any byte', () => {
    const k = new KeepAlive(timings);
    let sent = 0;
    const send = () => sent++;
    expect(k.check(500, 0, send)).toBe(1000);
    expect(k.check(1000, 0, send)).toBe(2000);
    expect(sent).toBe(1);
    expect(k.check(2000, 1010, send)).toBe(2010);
    expect(sent).toBe(1);
  });

  it('declares a hang when the ping stays unanswered past the timeout', () => {
    const k = new KeepAlive(timings);
    const send = () => undefined;
    k.check(1000, 0, send);
    expect(k.check(2000, 0, send)).toBe(2500);
    expect(k.check(2500, 0, send)).toBe('hang');
    k.reset();
    expect(k.check(2500, 2400, send)).toBe(3400);
  });
});
