import type { DeviceId } from '@crosspoint/protocol';
import type { Logger } from 'pino';
import type { FileTransfer } from './adapters/ftp-transfer.ts';
import type { CommandLedger, JobContext } from './commands/command-ledger.ts';
import type { CommandResult, DeviceCommand, ProgressListener } from './commands/device-command.ts';
import type { LoginTarget } from './credentials/login-changes.ts';
import type { DiscoveryReport, SubnetSweep } from './discovery/discovery-service.ts';
import type { DiscoveryMethod } from './discovery/discovery-method.ts';
import type { SubnetChange } from './discovery/monitored-subnets.ts';
import type { SubnetState } from './discovery/subnet-service.ts';
import type { Dialer } from './drivers/byte-stream.ts';
import type { AgentDevice } from './inventory/live-inventory.ts';
import type { DeviceChange, SessionTimings } from './sessions/session.ts';
import type { AgentStore, DeviceCredentials } from './store/agent-store.ts';

export interface StartAgentOptions {
  logger?: Logger;
  /** Session timings (tests shorten them); keep-alive defaults come from the config. */
  timings?: Partial<SessionTimings>;
  /** Resolution of the shared session clock (default 100 ms). */
  tickMs?: number;
  /** Sweep at start (default true). */
  discoverOnStart?: boolean;
  /** Extra discovery methods beside the TCP sweep (e.g. a broadcast protocol). */
  methods?: DiscoveryMethod[];
  dial?: Dialer;
  transfer?: FileTransfer;
  now?: () => number;
  /** How long a device's configuration changes must be quiet before the hub is told (ms, default 2000). */
  configQuietMs?: number;
}

export interface Agent {
  /** Every known device (vanished ones included, shown Down), with its current status. */
  inventory(): AgentDevice[];
  device(id: DeviceId): AgentDevice | undefined;
  /** Status/fact changes, as they happen. Returns an unsubscribe function. */
  onChange(listener: (change: DeviceChange) => void): () => void;
  /** A device's configuration was changed by someone else (bursts merged). Returns an unsubscribe function. */
  onConfigChange(listener: (deviceId: DeviceId) => void): () => void;
  /** Sweeps the enabled subnets now (shares a sweep already running). */
  rediscover(): Promise<DiscoveryReport>;
  /** The configured subnets (--subnets) and whether each is enabled. */
  subnets(): SubnetState[];
  subnetCounts(): { enabled: number; total: number };
  /** How the latest sweep of each enabled subnet went (subnets not swept yet are left out). */
  sweeps(): SubnetSweep[];
  /**
   * Enables or disables a configured subnet (saved in the data dir). Disabling closes the sessions
   * of its devices and stops sweeping it; enabling restarts them and sweeps it at once (`sweep`).
   * Rejects with UnknownSubnetError for a CIDR that is not configured.
   */
  setSubnetEnabled(
    cidr: string,
    enabled: boolean,
  ): Promise<{ subnet: SubnetState; sweep?: Promise<DiscoveryReport> }>;
  onSubnetChange(listener: (change: SubnetChange) => void): () => void;
  /**
   * Runs a device command; long ones report progress. Rejects with a DeviceError (stable `code`).
   * `job`: the command is a hub job run through `jobs` (it may resume an earlier copy).
   */
  command<C extends DeviceCommand>(
    deviceId: DeviceId,
    command: C,
    onProgress?: ProgressListener,
    job?: JobContext,
  ): Promise<CommandResult<C>>;
  /** Jobs from the hub, by job id: a job sent again joins, answers or resumes the first copy. */
  readonly jobs: CommandLedger;
  /** Tells the agent the login of a device or stack (e.g. after Login Failed); reconnects the sessions concerned. */
  setCredentials(target: LoginTarget, credentials: DeviceCredentials): Promise<void>;
  /** The embedded store: buffered observations for the hub link. */
  readonly store: AgentStore;
  /** Number of live device sessions. */
  sessionCount(): number;
  close(): Promise<void>;
}
