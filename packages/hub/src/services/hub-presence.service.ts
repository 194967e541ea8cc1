import type { HubPresenceRepository } from '../repositories/hub-presence.repository.ts';
import type { AgentLinkService } from './agent-link.service.ts';
import type { Clock } from './context.ts';

export interface HubPresenceTiming {
  /** How often this hub records that it is alive. */
  beatMs: number;
  /** A hub not heard of for this long is gone: the agents it held are shown Disconnected. */
  goneAfterMs: number;
}

export const defaultHubPresenceTiming: HubPresenceTiming = { beatMs: 3_000, goneAfterMs: 10_000 };

/**
 * Presence in seconds across hubs: each hub beats in the database every few seconds; a hub whose
 * beat is older than `goneAfterMs` (killed, powered off, cut off from the database) is claimed by
 * one surviving hub, which marks the agents linked to it Disconnected (the usual `servers` event
 * and alerts follow). A hub that restarts is a new process: its earlier record goes stale and its
 * stale links are cleared the same way, by itself or another hub.
 */
export class HubPresence {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private readonly startedAt: Date;

  constructor(
    private readonly repo: HubPresenceRepository,
    private readonly link: Pick<AgentLinkService, 'hubId' | 'expireHubs'>,
    private readonly clock: Clock,
    private readonly timing: HubPresenceTiming = defaultHubPresenceTiming,
    private readonly onError: (e: unknown) => void = () => undefined,
    /** Hears of each gone hub this one claimed, with the organizations whose agents it marked. */
    private readonly onClaimed: (hubIds: string[], orgs: number) => void = () => undefined,
  ) {
    this.startedAt = clock();
  }

  get hubId(): string {
    return this.link.hubId;
  }

  async start(): Promise<void> {
    if (this.timer) return;
    await this.tick();
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.tick());
    }, this.timing.beatMs);
    this.timer.unref();
  }

  /** Beats once and claims the hubs that are gone. */
  async tick(): Promise<void> {
    try {
      const now = this.clock();
      await this.repo.beat(this.hubId, this.startedAt, now);
      const gone = await this.repo.claimGone(new Date(now.getTime() - this.timing.goneAfterMs));
      if (gone.length === 0) return;
      this.onClaimed(gone, await this.link.expireHubs(gone));
    } catch (e) {
      this.onError(e);
    }
  }

  /** Stops beating and removes this hub's record (its agents were told goodbye already). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    await this.repo.remove(this.hubId).catch(this.onError);
  }
}
