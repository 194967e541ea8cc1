import type { DeviceId, DeviceStatus } from '@crosspoint/protocol';

/** Device families the agent has a driver for. Peripherals ride on their host box's session. */
export type DeviceFamily = 'cp2' | 'plink' | 'bma' | 'video';

/** Where a device sits: Server › Subnet (interface) › Stack › C-Link NN › P-Link NN. */
export interface Topology {
  server: string;
  /** Network address of the subnet, e.g. 127.20.1.0. */
  subnet: string;
  /** Interface (NIC) the subnet is reached through. */
  interface: string;
  stack?: string;
  clink?: string;
  plink?: string;
}

/** One device in the agent's inventory. Devices are never deleted: a vanished one is kept and shown Down. */
export interface InventoryDevice {
  id: DeviceId;
  family: DeviceFamily;
  model: string;
  serial: string;
  firmware: string;
  /** Box name (case-sensitive, used in `BOX <name> …` commands) or peripheral/codec name. */
  name: string;
  /** Access address: a peripheral shares its host's. */
  host: string;
  port: number;
  parentId?: DeviceId;
  topology: Topology;
  firstSeen: number;
  lastSeen: number;
  /** Last status the agent derived, and since when. */
  status: DeviceStatus;
  since: number;
  /** Not found by the last discovery sweep of its subnet. */
  missing?: boolean;
}

/** Stable id of a device from what identifies it physically (its serial), not from its address. */
export function deviceIdOf(family: DeviceFamily, serial: string): DeviceId {
  return `${family}-${serial}` as DeviceId;
}

/** AV-Manager-style connection path, e.g. `Server X > Subnet 192.168.0.0 (eth6) > Stack S > C-Link 00 > P-Link 01`. */
export function topologyPath(t: Topology): string {
  const parts = [`Server ${t.server}`, `Subnet ${t.subnet} (${t.interface})`];
  if (t.stack !== undefined) parts.push(`Stack ${t.stack}`);
  if (t.clink !== undefined) parts.push(`C-Link ${t.clink}`);
  if (t.plink !== undefined) parts.push(`P-Link ${t.plink}`);
  return parts.join(' > ');
}
