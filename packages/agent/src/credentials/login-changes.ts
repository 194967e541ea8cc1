import type { DeviceId } from '@crosspoint/protocol';
import type { ProjectSettings } from '../commands/pccp2x.ts';
import type { SessionManager } from '../sessions/session-manager.ts';
import type { AgentStore, DeviceCredentials } from '../store/agent-store.ts';

/** Whose login is set: one device, every box of a stack, or the agent's default. */
export type LoginTarget = { deviceId: DeviceId } | { stack: string } | 'default';

/** Logins the agent learns (told, changed by a command, loaded with a project); the sessions concerned reconnect with them. */
export class LoginChanges {
  constructor(
    private readonly store: AgentStore,
    private readonly sessions: SessionManager,
  ) {}

  /** The login told for a target (e.g. after Login Failed); its sessions reconnect with it. */
  async set(target: LoginTarget, credentials: DeviceCredentials): Promise<void> {
    const scope =
      target === 'default'
        ? 'default'
        : 'deviceId' in target
          ? `device:${target.deviceId}`
          : `stack:${target.stack}`;
    await this.store.setCredentials(scope, credentials);
    this.reconnect(target);
  }

  /** A stack's new login (after a credential change): boxes' own logins give way to it. */
  async rememberStack(stack: string, credentials: DeviceCredentials): Promise<void> {
    await this.store.setCredentials(`stack:${stack}`, credentials);
    for (const d of this.store.devices())
      if (d.topology.stack === stack && this.store.credentials(`device:${d.id}`))
        await this.store.clearCredentials(`device:${d.id}`);
  }

  /** A project was loaded on a stack: follow its new name and login, and re-read every box of it. */
  async stackReconfigured(stack: string, settings: ProjectSettings): Promise<void> {
    const { stackName = stack, username, password } = settings;
    if (username !== undefined && password !== undefined) {
      await this.rememberStack(stackName, { username, password });
      if (stackName !== stack) await this.rememberStack(stack, { username, password });
    }
    this.reconnect({ stack });
  }

  private reconnect(target: LoginTarget): void {
    this.sessions.reconnectWhere((id) => {
      const d = this.store.device(id);
      if (!d) return false;
      return (
        target === 'default' ||
        ('deviceId' in target ? d.id === target.deviceId : d.topology.stack === target.stack)
      );
    });
  }
}
