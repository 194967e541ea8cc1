import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBus } from './event-bus.ts';
import { BusError, subjectMatches } from './event-bus.ts';
import { createMemoryBus } from './memory-bus.ts';
import { createNatsBus } from './nats-bus.ts';
import { laneAvailable, natsTestUrl, uniqueName } from '../test/real-servers.ts';

describe(subjectMatches.name, () => {
  it('follows NATS wildcard rules', () => {
    expect(subjectMatches('org.*.device.>', 'org.7.device.42.status')).toBe(true);
    expect(subjectMatches('org.*.device.>', 'org.7.device')).toBe(false);
    expect(subjectMatches('org.*.x', 'org.7.y')).toBe(false);
    expect(subjectMatches('a.b', 'a.b.c')).toBe(false);
  });
});

const natsRuns = await laneAvailable('NATS', natsTestUrl);

/** One contract, two implementations: whatever runs in production must behave like the default. */
function busContract(name: string, open: () => Promise<EventBus[]>, skip = false) {
  describe.skipIf(skip)(`${name} bus`, () => {
    let a: EventBus;
    let b: EventBus;
    const prefix = uniqueName('t');
    beforeAll(async () => {
      [a, b] = (await open()) as [EventBus, EventBus];
    });
    afterAll(async () => {
      await a.close();
      if (b !== a) await b.close();
    });

    it('delivers published events to wildcard subscribers in order', async () => {
      const got: unknown[] = [];
      const done = new Promise<void>((resolve) => {
        void b.subscribe(`${prefix}.org.*.device.>`, (payload) => {
          got.push(payload);
          if (got.length === 3) resolve();
        });
      });
      await b.ping();
      for (const n of [1, 2, 3]) await a.publish(`${prefix}.org.1.device.${n}.status`, { n });
      await done;
      expect(got).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    });

    it('routes a request to the one responder and returns its answer', async () => {
      const off = await b.respond(`${prefix}.agent.42.cmd`, (payload) =>
        Promise.resolve({ echoed: payload }),
      );
      await expect(a.request(`${prefix}.agent.42.cmd`, { op: 'locate' }, 2000)).resolves.toEqual({
        echoed: { op: 'locate' },
      });
      off();
    });

    it('fails a request nobody answers with a BusError, not a hang', async () => {
      await expect(a.request(`${prefix}.agent.none.cmd`, {}, 500)).rejects.toBeInstanceOf(BusError);
    });
  });
}

busContract('memory', () => {
  const bus = createMemoryBus();
  return Promise.resolve([bus, bus]);
});
busContract(
  'NATS',
  async () => Promise.all([createNatsBus(natsTestUrl), createNatsBus(natsTestUrl)]),
  !natsRuns,
);
