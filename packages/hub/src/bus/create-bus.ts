import type { EventBus } from './event-bus.ts';
import { createMemoryBus } from './memory-bus.ts';
import { createNatsBus } from './nats-bus.ts';

/** NATS when a URL is configured, otherwise the in-process bus. */
export function createBus(natsUrl: string | undefined): Promise<EventBus> {
  return natsUrl ? createNatsBus(natsUrl) : Promise.resolve(createMemoryBus());
}
