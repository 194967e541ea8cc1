import type { OrgEvent } from '@crosspoint/protocol';
import { isOrgEvent } from '@crosspoint/protocol';
import type { EventBus, Unsubscribe } from '../bus/event-bus.ts';

/** The bus subject of an organization's live events (`*`: every organization's). */
export const orgEventsSubject = (orgId: string): string => `org.${orgId}.events`;

/** Distributes Omit over the union, so each kind keeps its own fields. */
type WithoutTime<E> = E extends OrgEvent ? Omit<E, 'at'> : never;

/**
 * An organization's live events on the hubs' bus: services publish what changed, every hub's
 * open streams (and its caches) hear it. One typed place, so a kind or a field cannot drift
 * between the publisher, the hub's listeners and the web app (`LiveEvent` in the protocol).
 */
export class LiveEvents {
  constructor(
    private readonly bus: EventBus,
    private readonly clock: () => Date,
  ) {}

  publish(orgId: string, event: WithoutTime<OrgEvent>): Promise<void> {
    return this.bus.publish(orgEventsSubject(orgId), { ...event, at: this.clock().getTime() });
  }

  /** Listens to one organization's events, or every organization's (`'*'`). */
  subscribe(orgId: string, listener: (event: OrgEvent, orgId: string) => void): Promise<Unsubscribe> {
    return this.bus.subscribe(orgEventsSubject(orgId), (payload, subject) => {
      const from = subject.split('.')[1];
      if (from && isOrgEvent(payload)) listener(payload, from);
    });
  }
}
