import type { LiveEvent } from '@crosspoint/protocol';
import type { OrgContext } from '../context.ts';
import type { CallSignalService } from './call-signal.service.ts';
import type { PresenceService } from './presence.service.ts';

/**
 * What a person's live-events stream adds to the organization's events: the person is online
 * while it is open, and it carries the call signals meant for that person alone. An API token
 * (no person) gets neither.
 */
export class PersonStreams {
  constructor(private readonly d: { presence: PresenceService; signals: CallSignalService }) {}

  async attach(ctx: OrgContext, send: (event: LiveEvent) => void): Promise<() => void> {
    const userId = ctx.actor.userId;
    if (!userId) return () => undefined;
    // Without the bus, the stream still carries the organization's events (no calls reach it).
    const offSignals = await this.d.signals.subscribe(userId, send).catch(() => () => undefined);
    const offPresence = await this.d.presence.open(userId, ctx.org.id);
    return () => {
      offSignals();
      offPresence();
    };
  }
}
