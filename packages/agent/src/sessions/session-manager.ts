import type { DeviceFamily, DeviceId } from '@crosspoint/protocol';
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

/**
 * Holds one session per directly reachable device (boxes, mics, codecs); peripherals ride on their
 * host's. Every session is ticked by the one shared Ticker.
 */
export class SessionManager {
  private readonly sessions = new Map<DeviceId, DeviceSession>();
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
    const existing = this.sessions.get(device.id);
    if (existing || device.parentId !== undefined) return existing;
    const driver = this.drivers.for(device.family);
    if (!driver) return undefined;
    const session = driver.openSession(device, this.ctx);
    this.sessions.set(device.id, session);
    const key = `${device.host}:${device.port}`;
    let atAddress = this.byAddress.get(key);
    if (!atAddress) this.byAddress.set(key, (atAddress = new Set()));
    atAddress.add(session);
    session.start();
    return session;
  }

  /** The session that talks for a device: its own, or its host's for a peripheral. */
  sessionOf(device: InventoryDevice): DeviceSession | undefined {
    return this.sessions.get(device.parentId ?? device.id);
  }

  /** Whether a connected session already talks to this address. */
  isLive(host: string, port: number): boolean {
    for (const s of this.byAddress.get(`${host}:${port}`) ?? []) if (s.connected) return true;
    return false;
  }

  stop(id: DeviceId): void {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    this.byAddress.get(`${session.host}:${session.port}`)?.delete(session);
    this.ticker.cancel(session);
    session.close();
  }

  all(): IterableIterator<DeviceSession> {
    return this.sessions.values();
  }

  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.stop(id);
  }
}
