import { describe, expect, it } from 'vitest';
import type { DeviceSummaryCounts } from '../repositories/device.repository.ts';
import { DeviceSummaryCache } from './device-summary-cache.ts';

/** A computation the test releases by hand; `value` is what the database holds when it starts. */
function controlledCompute() {
  let db = 0;
  const started: { at: number; release: () => void }[] = [];
  const compute = (orgId: string): Promise<DeviceSummaryCounts> => {
    const at = db;
    return new Promise((resolve) => {
      started.push({
        at,
        release: () =>
          resolve({ byStatus: [{ status: orgId, n: at }], byModel: [], byLocation: [], byOrg: [] }),
      });
    });
  };
  return {
    compute,
    started,
    write: () => {
      db++;
    },
  };
}
const n = (c: DeviceSummaryCounts): number | undefined => c.byStatus[0]?.n;
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('DeviceSummaryCache', () => {
  it('computes once for many callers and answers from memory until a change', async () => {
    const c = controlledCompute();
    const cache = new DeviceSummaryCache(c.compute, 0);
    const a = cache.get('org');
    const b = cache.get('org');
    await tick();
    expect(c.started).toHaveLength(1);
    c.started[0]?.release();
    expect([n(await a), n(await b)]).toEqual([0, 0]);
    expect(n(await cache.get('org'))).toBe(0);
    expect(c.started).toHaveLength(1);
    c.write();
    cache.invalidate('org');
    const after = cache.get('org');
    await tick();
    c.started[1]?.release();
    expect(n(await after)).toBe(1);
  });

  it('never answers a caller with a computation that started before a change it heard of', async () => {
    const c = controlledCompute();
    const cache = new DeviceSummaryCache(c.compute, 0);
    const early = cache.get('org');
    await tick();
    c.write();
    cache.invalidate('org');
    const late = cache.get('org');
    await tick();
    expect(c.started).toHaveLength(2);
    c.started[0]?.release();
    c.started[1]?.release();
    expect(n(await early)).toBe(0);
    expect(n(await late)).toBe(1);
    expect(n(await cache.get('org'))).toBe(1);
  });

  it('recomputes a busy organization at most once per interval, for everyone who asked meanwhile', async () => {
    const c = controlledCompute();
    const cache = new DeviceSummaryCache(c.compute, 40);
    const first = cache.get('org');
    await tick();
    c.started[0]?.release();
    await first;
    const waiting: Promise<DeviceSummaryCounts>[] = [];
    for (let i = 0; i < 5; i++) {
      c.write();
      cache.invalidate('org');
      waiting.push(cache.get('org'));
    }
    await tick();
    expect(c.started).toHaveLength(1); // still inside the interval: nobody computes yet
    await new Promise((r) => setTimeout(r, 60));
    expect(c.started).toHaveLength(2);
    c.started[1]?.release();
    expect((await Promise.all(waiting)).map(n)).toEqual([5, 5, 5, 5, 5]);
  });

  it('keeps organizations apart', async () => {
    const c = controlledCompute();
    const cache = new DeviceSummaryCache(c.compute, 0);
    const a = cache.get('a');
    const b = cache.get('b');
    await tick();
    for (const s of c.started) s.release();
    expect([(await a).byStatus[0]?.status, (await b).byStatus[0]?.status]).toEqual(['a', 'b']);
    cache.invalidate('a');
    void cache.get('b');
    await tick();
    expect(c.started).toHaveLength(2);
  });

  it('corrects kept counts that drifted from the database (an event lost in a bus gap)', async () => {
    let db = 3;
    const counts = (orgId: string) =>
      Promise.resolve({ byStatus: [{ status: orgId, n: db }], byModel: [], byLocation: [], byOrg: [] });
    const cache = new DeviceSummaryCache(counts, 0);
    expect(n(await cache.get('a'))).toBe(3);
    expect(await cache.verify()).toEqual([]);
    db = 5; // changed on another hub; its event never came
    expect(n(await cache.get('a'))).toBe(3);
    expect(await cache.verify()).toEqual(['a']);
    expect(n(await cache.get('a'))).toBe(5);
    expect(await cache.verify()).toEqual([]);
  });
});
