import { randomUUID } from 'node:crypto';
import type { PresenceRepository } from '../../repositories/presence.repository.ts';
import type { Clock } from '../context.ts';
import type { LiveEvents } from '../live-events.ts';

export interface PresenceTuning {
  /** How often an open stream says it is still there. */
  refreshMs: number;
  /** A stream not heard of for this long is gone (its hub died). */
  freshMs: number;
}

export const defaultPresenceTuning: PresenceTuning = { refreshMs: 30_000, freshMs: 75_000 };

/**
 * Who is online: a person with a live-events stream open on any hub. Each stream keeps a row that
 * it refreshes while open and deletes when it ends; rows of a hub that died go stale after
 * `freshMs`. Opening and closing tell the organization's screens (`presence` live event).
 */
export class PresenceService {
  constructor(
    private readonly d: {
      repo: PresenceRepository;
      live: LiveEvents;
      clock: Clock;
      tuning: PresenceTuning;
      onError: (e: unknown) => void;
    },
  ) {}

  /** A stream of `userId` opened in `orgId`: returns what ends it. */
  async open(userId: string, orgId: string): Promise<() => void> {
    const id = randomUUID();
    // Best effort: a stream opens even when its presence cannot be written (the database away).
    const now = this.d.clock();
    await this.d.repo.open(id, userId, now).catch(this.d.onError);
    // The rows of hubs that died go with the next stream opened anywhere.
    this.d.repo.sweep(new Date(now.getTime() - 10 * this.d.tuning.freshMs)).catch(this.d.onError);
    await this.d.live.publish(orgId, { kind: 'presence' }).catch(this.d.onError);
    const timer = setInterval(() => {
      this.d.repo.open(id, userId, this.d.clock()).catch(this.d.onError);
    }, this.d.tuning.refreshMs);
    timer.unref();
    return () => {
      clearInterval(timer);
      this.d.repo
        .close(id)
        .then(() => this.d.live.publish(orgId, { kind: 'presence' }))
        .catch(this.d.onError);
    };
  }

  async online(userIds: readonly string[]): Promise<Set<string>> {
    return this.d.repo.online(userIds, new Date(this.d.clock().getTime() - this.d.tuning.freshMs));
  }
}
