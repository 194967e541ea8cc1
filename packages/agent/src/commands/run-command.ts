import { Bma360dSession } from '../drivers/bma360d/bma360d-session.ts';
import { Cp2BoxSession } from '../drivers/cp2/cp2-session.ts';
import type { InventoryDevice } from '../inventory/inventory.ts';
import type { DeviceSession } from '../sessions/session.ts';
import { runCp2Command, type Cp2CommandDeps } from './cp2-commands.ts';
import type { CommandResults, DeviceCommand, ProgressListener } from './device-command.ts';
import { DeviceError, DeviceErrorCode } from './device-error.ts';

/** Routes a command to the family that can run it; families without commands answer COMMAND_UNSUPPORTED. */
export function runDeviceCommand(
  session: DeviceSession,
  target: InventoryDevice,
  command: DeviceCommand,
  deps: Cp2CommandDeps,
  onProgress?: ProgressListener,
): Promise<CommandResults[DeviceCommand['type']]> {
  if (session instanceof Cp2BoxSession) return runCp2Command(session, target, command, deps, onProgress);
  if (session instanceof Bma360dSession && command.type === 'locate') return session.locate(command.on).then((on) => ({ on }));
  return Promise.reject(new DeviceError(DeviceErrorCode.Unsupported, `${command.type} is not available on ${target.family} devices.`));
}
