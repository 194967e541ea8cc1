import type { DeviceId, DeviceStatus } from '@crosspoint/protocol';
import type { Logger } from 'pino';
import type { AgentConfig } from '../config.ts';
import type { Dialer } from '../drivers/byte-stream.ts';
import type { InventoryDevice } from '../inventory/inventory.ts';
import type { DeviceCredentials } from '../store/agent-store.ts';
import type { BackoffPolicy } from './backoff.ts';
import type { StackBoard } from './stack-board.ts';
import type { Tickable } from './ticker.ts';

/** A device's status or facts changed. Emitted only when something did change. */
export interface DeviceChange {
  deviceId: DeviceId;
  status: DeviceStatus;
  /** When the winning condition began. */
  since: number;
  previous: DeviceStatus | undefined;
  /** Facts that changed, by name (VoIP lines as `voip <epn>`). */
  changed: Record<string, unknown>;
  /** When the agent observed the change (ms since the epoch): what detection latency is measured against. */
  at: number;
}

/** Timings of sessions; short in tests, defaults meet the 3 s hang-detection target. */
export interface SessionTimings {
  /** Send a keep-alive after this long without any line from the device (default 1,000 ms). */
  keepAliveMs: number;
  /** A keep-alive unanswered this long means the device hangs (default 1,500 ms). */
  keepAliveTimeoutMs: number;
  connectTimeoutMs: number;
  loginTimeoutMs: number;
  commandTimeoutMs: number;
  /** Reconnect delays after a drop or a failed connect. */
  backoff: BackoffPolicy;
  /** Reconnect delays while the credentials are refused (slower: don't hammer a device). */
  loginFailedBackoff: BackoffPolicy;
  /** How long an expected restart (RESET, firmware) may keep a box away before it counts as Down. */
  restartTimeoutMs: number;
  /** Video codecs: poll period of the HTTP status. */
  videoPollMs: number;
}

export const defaultTimings: SessionTimings = {
  keepAliveMs: 1000,
  keepAliveTimeoutMs: 1500,
  connectTimeoutMs: 3000,
  loginTimeoutMs: 5000,
  commandTimeoutMs: 5000,
  backoff: { initialMs: 250, maxMs: 5000, factor: 2 },
  loginFailedBackoff: { initialMs: 5000, maxMs: 60_000, factor: 2 },
  restartTimeoutMs: 180_000,
  videoPollMs: 1000,
};

/** An agent's session timings: the defaults, keep-alive from its config, then any overrides (tests shorten them). */
export function sessionTimings(
  config: Pick<AgentConfig, 'keepAliveMs' | 'keepAliveTimeoutMs'>,
  overrides?: Partial<SessionTimings>,
): SessionTimings {
  return {
    ...defaultTimings,
    keepAliveMs: config.keepAliveMs,
    keepAliveTimeoutMs: config.keepAliveTimeoutMs,
    ...overrides,
  };
}

/** What a session needs from the agent around it. */
export interface SessionContext {
  now: () => number;
  dial: Dialer;
  timings: SessionTimings;
  credentialsFor: (device: InventoryDevice) => DeviceCredentials;
  /** Status/fact change of the session's device or of a peripheral riding on it. */
  emit: (change: DeviceChange) => void;
  /** The device says its configuration was changed (by another session): the hub backs it up. */
  configChanged?: (deviceId: DeviceId) => void;
  /** Identity or topology learnt by the session (new firmware, a peripheral appeared, a box renamed). */
  updateInventory: (devices: InventoryDevice[]) => void;
  /** Asks the shared clock to call `member.tick(now)` at `at` (the earliest request wins). */
  wake: (member: Tickable, at: number) => void;
  /** Shared view of stacks across box sessions (Incomplete / Mismatched Stack). */
  stacks: StackBoard;
  logger: Logger;
}

/**
 * One persistent session to a device (a CP2 box carries its P-Link peripherals). `tick` runs when
 * the session asked the clock to wake it (`SessionContext.wake`); it asks again for its next deadline.
 */
export interface DeviceSession extends Tickable {
  readonly deviceId: DeviceId;
  /** The address the session talks to. */
  readonly host: string;
  readonly port: number;
  /** Connected (and logged in, where the family has a login) right now. */
  readonly connected: boolean;
  /** Device ids this session reports on (itself and its peripherals). */
  deviceIds(): DeviceId[];
  start(): void;
  /** Reconnect now (e.g. credentials were changed on the agent). */
  reconnect(): void;
  close(): void;
}
