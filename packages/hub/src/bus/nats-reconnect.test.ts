// The NATS bus when its server goes away and comes back (a nats-server of the test's own on a spare
// port): publishing never throws, this hub's own subscribers and responders keep working, ping
// says since when the bus is away, and after the restart the bus is back by itself and says so.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BusError, type EventBus } from './event-bus.ts';
import { createNatsBus, natsServers } from './nats-bus.ts';
import { natsServerAvailable, startOwnNatsServer, type OwnNatsServer } from '../test/nats-server.ts';
import { closedPort } from '../test/failing-peers.ts';

describe(natsServers.name, () => {
  it('reads one URL or a comma-separated list', () => {
    expect(natsServers('nats://a:4222')).toEqual(['nats://a:4222']);
    expect(natsServers('nats://a:4222, nats://b:4222,')).toEqual(['nats://a:4222', 'nats://b:4222']);
  });
});

describe.skipIf(!natsServerAvailable())('NATS bus through an outage', () => {
  let server: OwnNatsServer;
  let a: EventBus;
  let b: EventBus;
  let reconnectsA = 0;
  let reconnectsB = 0;

  beforeAll(async () => {
    server = await startOwnNatsServer();
    // A list whose other server is down: the bus uses whichever answers.
    const urls = `nats://127.0.0.1:${String(await closedPort())},${server.url}`;
    const fast = { reconnectWaitMs: 50, maxReconnectWaitMs: 250 };
    a = await createNatsBus(urls, { ...fast, maxBufferedBytes: 2_000 });
    b = await createNatsBus(urls, fast);
    a.onReconnect(() => reconnectsA++);
    b.onReconnect(() => reconnectsB++);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await server.close();
  });

  it('keeps this hub working while NATS is away, and comes back by itself', async () => {
    const onA: unknown[] = [];
    const onB: unknown[] = [];
    await a.subscribe('t.events', (p) => onA.push(p));
    await b.subscribe('t.events', (p) => onB.push(p));
    await a.respond('t.agent.1.cmd', (p) => Promise.resolve({ echoed: p }));

    await a.publish('t.events', { n: 1 });
    await vi.waitFor(() => expect(onB).toEqual([{ n: 1 }]));
    expect(onA).toEqual([{ n: 1 }]); // delivered to itself once, not again through NATS

    await server.stop();
    await vi.waitFor(() => expect(a.state().connected).toBe(false));
    await expect(a.ping()).rejects.toThrow(/disconnected since .*reconnecting to/);

    // Publishing never throws; this hub's own subscribers and responders need no server.
    for (let n = 2; n < 60; n++) await a.publish('t.events', { n, pad: 'x'.repeat(100) });
    expect(a.state().dropped).toBeGreaterThan(0); // beyond 2,000 bytes, hints are dropped
    await vi.waitFor(() => expect(onA).toHaveLength(59));
    await expect(a.request('t.agent.1.cmd', { op: 'locate' }, 1000)).resolves.toEqual({
      echoed: { op: 'locate' },
    });
    await vi.waitFor(() => expect(b.state().connected).toBe(false));
    const away = b.request('t.agent.1.cmd', {}, 1000);
    await expect(away).rejects.toBeInstanceOf(BusError);
    await expect(away).rejects.toMatchObject({ code: 'DISCONNECTED' });

    await server.start();
    await vi.waitFor(() => expect([reconnectsA, reconnectsB]).toEqual([1, 1]), { timeout: 15_000 });
    await a.ping();
    expect(a.state().connected).toBe(true);
    await b.publish('t.events', { n: 'after' });
    await vi.waitFor(() => expect(onA).toContainEqual({ n: 'after' }));
    await expect(b.request('t.agent.1.cmd', { op: 'x' }, 2000)).resolves.toEqual({ echoed: { op: 'x' } });
  }, 30_000);
});
