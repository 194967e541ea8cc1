import type { FileTransfer } from '../adapters/ftp-transfer.ts';
import type { InventoryDevice } from '../inventory/inventory.ts';
import type { DeviceCredentials } from '../store/agent-store.ts';
import type { JobContext } from './command-ledger.ts';
import type { CommandResults, DeviceCommand } from './device-command.ts';
import { DeviceError, DeviceErrorCode } from './device-error.ts';
import type { ProjectSettings } from './pccp2x.ts';

/** What a driver's commands need from the agent around them. */
export interface CommandDeps {
  transfer: FileTransfer;
  ftpPort: number;
  credentialsFor(device: InventoryDevice): DeviceCredentials;
  /** Stores the stack's new login after a successful credential change. */
  rememberStackCredentials(stack: string, credentials: DeviceCredentials): Promise<void>;
  /** A project was loaded on a stack: follow its new name and login, and re-read its boxes. */
  stackReconfigured(stack: string, settings: ProjectSettings): Promise<void>;
  /** Folder of configuration backups (one sub-folder per device). */
  backupsDir: string;
  commandTimeoutMs: number;
  /** Upper bound of a restart, firmware apply or configuration load. */
  jobTimeoutMs: number;
  now(): number;
  /** Set when the command is a hub job: an earlier copy to resume, and where to mark it sent. */
  job?: JobContext;
}

/** What running any command answers: the result of its type. */
export type AnyCommandResult = Promise<CommandResults[DeviceCommand['type']]>;

/** A command the device's family has no way to run: COMMAND_UNSUPPORTED. */
export const unsupported = (command: DeviceCommand, target: InventoryDevice): AnyCommandResult =>
  Promise.reject(
    new DeviceError(
      DeviceErrorCode.Unsupported,
      `${command.type} is not available on ${target.family} devices.`,
    ),
  );
