import type { DeviceFamily, DeviceId } from '@crosspoint/protocol';
import type { AnyCommandResult, CommandDeps } from '../commands/command-deps.ts';
import type { DeviceCommand, ProgressListener } from '../commands/device-command.ts';
import type { DeviceDriver } from '../drivers/device-driver.ts';
import type { InventoryDevice } from '../inventory/inventory.ts';
import type { DeviceSession, SessionContext } from './session.ts';
import type { Ticker } from './ticker.ts';

/** Drivers by family (a driver may serve several). */
export class DriverRegistry {
  private readonly byFamily = new Map<DeviceFamily, DeviceDriver>();

  constructor(drivers: readonly DeviceDriver[]) {
    for (const d of drivers) for (const f of d.families) this.byFamily.set(f, d);
  }

  for(family: DeviceFamily): DeviceDriver | undefined {
    return this.byFamily.get(family);
  }
}

/** A session and the driver that opened it (and runs commands through it). */
interface Running {
  session: DeviceSession;
  driver: DeviceDriver;
}

/**
 * Holds one session per directly reachable device (boxes, mics, codecs); peripherals ride on their
 * host's. Every session is ticked by the one shared Ticker.
 */
export class SessionManager {
  private readonly sessions = new Map<DeviceId, Running>();
  private readonly byAddress = new Map<string, Set<DeviceSession>>();

  constructor(
    private readonly drivers: DriverRegistry,
    private readonly ctx: SessionContext,
    private readonly ticker: Ticker,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  /** Starts a session for the device unless it has one, is a peripheral, or no driver knows its family. */
  ensure(device: InventoryDevice): DeviceSession | undefined {
    const existing = this.sessions.get(device.id)?.session;
    if (existing || device.parentId !== undefined) return existing;
    const driver = this.drivers.for(device.family);
    if (!driver) return undefined;
    const session = driver.openSession(device, this.ctx);
    this.sessions.set(device.id, { session, driver });
    const key = `${device.host}:${device.port}`;
    let atAddress = this.byAddress.get(key);
    if (!atAddress) this.byAddress.set(key, (atAddress = new Set()));
    atAddress.add(session);
    session.start();
    return session;
  }

  /**
   * Runs a command through the session that talks for the device (its own, or its host's for a
   * peripheral), by the driver that opened it. Undefined when no session does.
   */
  runCommand(
    device: InventoryDevice,
    command: DeviceCommand,
    deps: CommandDeps,
    onProgress?: ProgressListener,
  ): AnyCommandResult | undefined {
    const running = this.sessions.get(device.parentId ?? device.id);
    return running?.driver.runCommand(running.session, device, command, deps, onProgress);
  }

  /** Whether a connected session already talks to this address. */
  isLive(host: string, port: number): boolean {
    for (const s of this.byAddress.get(`${host}:${port}`) ?? []) if (s.connected) return true;
    return false;
  }

  stop(id: DeviceId): void {
    const session = this.sessions.get(id)?.session;
    if (!session) return;
    this.sessions.delete(id);
    this.byAddress.get(`${session.host}:${session.port}`)?.delete(session);
    this.ticker.cancel(session);
    session.close();
  }

  /** Reconnects the sessions whose own device matches (new credentials, a stack reconfigured). */
  reconnectWhere(matches: (deviceId: DeviceId) => boolean): void {
    for (const { session } of this.sessions.values()) if (matches(session.deviceId)) session.reconnect();
  }

  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.stop(id);
  }
}
