import type { Logger } from 'pino';
import type { Agent } from '../agent-api.ts';
import { connectAgentToHub } from '../link/connect.ts';
import type { HubLink, LinkState } from '../link/hub-link.ts';
import type { SelfUpdater } from '../update/self-update.ts';
import type { HubSettings, HubSettingsFile } from './hub-settings.ts';
import type { HubTrust } from '../link/hub-trust.ts';

/** Owns the agent's hub link: started from saved settings, restarted when they change. */
export class LinkController {
  private link: HubLink | undefined;
  private settings: HubSettings | undefined;
  private lastState: LinkState | undefined;

  constructor(
    private readonly agent: Agent,
    private readonly file: HubSettingsFile,
    private readonly options: {
      dataDir: string;
      agentVersion: string;
      logger: Logger;
      onState?: (s: LinkState) => void;
      updater?: SelfUpdater;
      /** `--hub-ca`, for every hub URL this agent is given (flags or the web UI). */
      trust?: HubTrust | undefined;
    },
  ) {}

  /** Starts with `initial` (flags/environment) or, failing that, the saved settings. */
  async start(initial?: HubSettings): Promise<void> {
    if (initial) await this.file.write(initial);
    const settings = initial ?? (await this.file.read());
    if (settings?.hubUrl) await this.connect(settings);
  }

  /** The self-update, when this agent has one (the UI's "Updates" setting). */
  updater(): SelfUpdater | undefined {
    return this.options.updater;
  }

  current(): {
    settings: Omit<HubSettings, 'password'> | undefined;
    state: LinkState | undefined;
    pending: number;
  } {
    return {
      settings: this.settings ? { hubUrl: this.settings.hubUrl, login: this.settings.login } : undefined,
      state: this.link ? (this.lastState ?? this.link.state()) : undefined,
      pending: this.link?.pending() ?? 0,
    };
  }

  async update(next: { hubUrl: string; login: string; password?: string }): Promise<void> {
    const password = next.password || this.settings?.password || (await this.file.read())?.password || '';
    const settings = { hubUrl: next.hubUrl, login: next.login, password };
    await this.file.write(settings);
    await this.stop();
    await this.connect(settings);
  }

  async disconnect(): Promise<void> {
    await this.file.write(undefined);
    await this.stop();
    this.settings = undefined;
  }

  async close(): Promise<void> {
    await this.stop();
  }

  private async connect(settings: HubSettings): Promise<void> {
    this.settings = settings;
    this.lastState = { state: 'connecting' };
    this.link = await connectAgentToHub(this.agent, settings, {
      ...this.options,
      onState: (s) => {
        this.lastState = s;
        this.options.onState?.(s);
      },
    });
  }

  private async stop(): Promise<void> {
    const link = this.link;
    this.link = undefined;
    this.lastState = undefined;
    await link?.close();
  }
}
