import type { DeviceFamily } from '@crosspoint/protocol';
import type { AnyCommandResult, CommandDeps } from '../commands/command-deps.ts';
import type { DeviceCommand, ProgressListener } from '../commands/device-command.ts';
import type { Candidate } from '../discovery/discovery-method.ts';
import type { SubnetSpec } from '../discovery/subnet.ts';
import type { InventoryDevice } from '../inventory/inventory.ts';
import type { DeviceCredentials } from '../store/agent-store.ts';
import type { DeviceSession, SessionContext } from '../sessions/session.ts';

/** What fingerprinting needs besides the candidate. */
export interface FingerprintContext {
  subnet: SubnetSpec;
  serverName: string;
  /** Credentials to try, best guess first (stored for this address, stored per stack, the defaults). */
  credentials: DeviceCredentials[];
  session: SessionContext;
}

/** What a candidate turned out to be: the device itself and anything found through it (P-Link peripherals). */
export interface Fingerprint {
  devices: InventoryDevice[];
  /** The credentials that logged in, when they are not the first tried (to remember them). */
  credentials?: DeviceCredentials;
  /** Reached but not identified (e.g. login refused): `devices` holds one address-keyed placeholder. */
  unidentified?: 'login-failed';
}

/**
 * One device family: how to identify a device at an address, how to keep a session to it, and how
 * to run commands through that session (on the device itself or on one riding on it, a peripheral).
 */
export interface DeviceDriver<S extends DeviceSession = DeviceSession> {
  readonly families: readonly DeviceFamily[];
  fingerprint(candidate: Candidate, ctx: FingerprintContext): Promise<Fingerprint>;
  openSession(device: InventoryDevice, ctx: SessionContext): S;
  /**
   * Runs a command through a session this driver opened. Rejects with a DeviceError (stable code):
   * COMMAND_UNSUPPORTED for a command the family has no way to run.
   */
  runCommand(
    session: S,
    target: InventoryDevice,
    command: DeviceCommand,
    deps: CommandDeps,
    onProgress?: ProgressListener,
  ): AnyCommandResult;
}
