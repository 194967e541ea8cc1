import type { DeviceId } from '@crosspoint/protocol';
import type { SubnetService } from '../discovery/subnet-service.ts';
import type { SessionManager } from '../sessions/session-manager.ts';
import type { AgentStore } from '../store/agent-store.ts';
import type { CommandDeps } from './command-deps.ts';
import type { JobContext } from './command-ledger.ts';
import type { CommandResult, DeviceCommand, ProgressListener } from './device-command.ts';
import { DeviceError, DeviceErrorCode } from './device-error.ts';

/**
 * Runs device commands: finds the device, refuses one the agent cannot reach (unknown, on a
 * disabled subnet, no session), and hands the command to the driver of the session that talks for it.
 */
export class CommandDispatch {
  constructor(
    private readonly store: AgentStore,
    private readonly subnets: SubnetService,
    private readonly sessions: SessionManager,
    private readonly deps: Omit<CommandDeps, 'job'>,
  ) {}

  /** Rejects with a DeviceError (stable `code`). `job`: the command is a hub job (it may resume an earlier copy). */
  async run<C extends DeviceCommand>(
    deviceId: DeviceId,
    command: C,
    onProgress?: ProgressListener,
    job?: JobContext,
  ): Promise<CommandResult<C>> {
    const device = this.store.device(deviceId);
    if (!device)
      throw new DeviceError(DeviceErrorCode.NotFound, `No device ${deviceId} in this agent's inventory.`);
    const off = this.subnets.disabledSubnetOf(device.host);
    if (off)
      throw new DeviceError(
        DeviceErrorCode.Unreachable,
        `${device.name} is on subnet ${off.spec.cidr}, which is disabled on this agent; enable it to reach the device.`,
      );
    const running = this.sessions.runCommand(
      device,
      command,
      { ...this.deps, ...(job ? { job } : {}) },
      onProgress,
    );
    if (!running)
      throw new DeviceError(
        DeviceErrorCode.Unsupported,
        `No driver can run commands on ${device.family} devices.`,
      );
    return running as Promise<CommandResult<C>>;
  }
}
