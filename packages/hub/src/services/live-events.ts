import type { OrgEvent } from '@crosspoint/protocol';
import { isOrgEvent } from '@crosspoint/protocol';
import type { EventBus, Unsubscribe } from '../bus/event-bus.ts';

/** The bus subject of an organization's live events (`*`: every organization's). */
export const orgEventsSubject = (orgId: string): string => `org.${orgId}.events`;

/**
 * The bus subject of the events of the organizations in a roll-up other than its own (a support
 * organization's clients'; `*`: every roll-up's). Apart from `org.*.events`, so a listener of
 * every organization's events does not hear a client's twice.
 */
export const rollupEventsSubject = (rollupOrgId: string): string => `rollup.${rollupOrgId}.events`;

/** Distributes Omit over the union, so each kind keeps its own fields. */
type WithoutTime<E> = E extends OrgEvent ? Omit<E, 'at'> : never;

type Listener = (event: OrgEvent, orgId: string) => void;

/**
 * An organization's live events on the hubs' bus: services publish what changed, every hub's
 * open streams (and its caches) hear it. One typed place, so a kind or a field cannot drift
 * between the publisher, the hub's listeners and the web app (`LiveEvent` in the protocol). A
 * client's events also go to its support organization's roll-up.
 */
export class LiveEvents {
  /** This hub's listeners of one organization's events (its open streams), for `refreshLocal`. */
  private readonly local = new Set<{ orgId: string; listener: Listener }>();

  constructor(
    private readonly bus: EventBus,
    private readonly clock: () => Date,
    /** The organization whose roll-up includes an organization (itself when none other). */
    private readonly rollupOf: (orgId: string) => Promise<string> = (orgId) => Promise.resolve(orgId),
  ) {}

  async publish(orgId: string, event: WithoutTime<OrgEvent>): Promise<void> {
    const stamped = { ...event, at: this.clock().getTime() };
    await this.bus.publish(orgEventsSubject(orgId), stamped);
    const rollup = await this.rollupOf(orgId);
    if (rollup !== orgId) await this.bus.publish(rollupEventsSubject(rollup), stamped);
  }

  /** Listens to one organization's events, or every organization's (`'*'`). */
  subscribe(orgId: string, listener: Listener): Promise<Unsubscribe> {
    return this.tracked(orgId, listener, this.on(orgEventsSubject(orgId), listener));
  }

  /**
   * Tells this hub's listeners of each organization (its open screens) that devices, servers and
   * alerts may have changed: after a bus gap, events of other hubs may have been lost.
   */
  refreshLocal(): number {
    const at = this.clock().getTime();
    const told = new Set<Listener>(); // a support organization's stream listens to its roll-up too
    for (const { orgId, listener } of this.local) {
      if (told.has(listener)) continue;
      told.add(listener);
      listener({ kind: 'devices', changed: 0, at }, orgId);
      listener({ kind: 'servers', at }, orgId);
      listener({ kind: 'alerts', at }, orgId);
    }
    return told.size;
  }

  private async tracked(orgId: string, listener: Listener, off: Promise<Unsubscribe>): Promise<Unsubscribe> {
    const unsubscribe = await off;
    if (orgId === '*') return unsubscribe;
    const entry = { orgId, listener };
    this.local.add(entry);
    return () => {
      this.local.delete(entry);
      unsubscribe();
    };
  }

  /**
   * Listens to the events of the other organizations in a roll-up, or in every roll-up (`'*'`);
   * the listener is told the roll-up's organization.
   */
  subscribeRollup(rollupOrgId: string, listener: Listener): Promise<Unsubscribe> {
    return this.tracked(rollupOrgId, listener, this.on(rollupEventsSubject(rollupOrgId), listener));
  }

  private on(subject: string, listener: Listener): Promise<Unsubscribe> {
    return this.bus.subscribe(subject, (payload, from) => {
      const orgId = from.split('.')[1];
      if (orgId && isOrgEvent(payload)) listener(payload, orgId);
    });
  }
}
