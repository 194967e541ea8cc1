import { describe, expect, it } from 'vitest';
import { Ticker, type Tickable } from './ticker.ts';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}
const recorder = (log: number[], then?: (now: number) => void): Tickable => ({
  tick(now) {
    log.push(now);
    then?.(now);
  },
});

describe(Ticker.name, () => {
  it('wakes a member once at the slot it asked for, not before', () => {
    const c = clock();
    const ticker = new Ticker(100, c.now);
    const log: number[] = [];
    ticker.schedule(recorder(log), c.now() + 250);
    c.advance(200);
    ticker.runOnce();
    expect(log).toEqual([]);
    c.advance(100);
    ticker.runOnce();
    expect(log).toEqual([c.now()]);
    c.advance(1000);
    ticker.runOnce();
    expect(log).toHaveLength(1);
    ticker.close();
  });

  it('keeps the earliest request of a member and lets it reschedule itself', () => {
    const c = clock();
    const ticker = new Ticker(100, c.now);
    const log: number[] = [];
    const member: Tickable = recorder(log, (now) => {
      if (log.length < 3) ticker.schedule(member, now + 100);
    });
    ticker.schedule(member, c.now() + 500);
    ticker.schedule(member, c.now() + 100);
    ticker.schedule(member, c.now() + 900);
    for (let i = 0; i < 12; i++) {
      c.advance(100);
      ticker.runOnce();
    }
    expect(log).toHaveLength(3);
    expect(ticker.size).toBe(0);
    ticker.close();
  });

  it('wakes overdue members after a stall longer than the wheel, and honours cancel', () => {
    const c = clock();
    const ticker = new Ticker(100, c.now, 8);
    const a: number[] = [];
    const b: number[] = [];
    ticker.schedule(recorder(a), c.now() + 300);
    const cancelled = recorder(b);
    ticker.schedule(cancelled, c.now() + 300);
    ticker.cancel(cancelled);
    c.advance(5000);
    ticker.runOnce();
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(0);
    ticker.close();
  });
});
