import type { DeviceFamily, DeviceId, DeviceStatus } from '@crosspoint/protocol';

export type { DeviceFamily };

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
  /** Model code of the catalog (models.ts), e.g. CP2_128V; its display name comes from there. */
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

/** Id of a device that answered but could not be identified yet (e.g. its login is refused). */
export function addressIdOf(family: DeviceFamily, host: string, port: number): DeviceId {
  return `${family}@${host}:${port}` as DeviceId;
}

export const isAddressId = (id: DeviceId): boolean => id.includes('@');

/** C-Link index `00` is box 1 of the stack (devices.md §3). */
export const boxNumberOf = (clink: string | undefined): number =>
  clink === undefined ? 1 : Number.parseInt(clink, 10) + 1;

/** End-point number `BNN` of VoIP line `line` (1-based) on box `box`, e.g. box 1 line 1 → 101. */
export const uaEndpointOf = (box: number, line: number): string => `${box}${String(line).padStart(2, '0')}`;

/** AV-Manager-style connection path, e.g. `Server X > Subnet 192.168.0.0 (eth6) > Stack S > C-Link 00 > P-Link 01`. */
export function topologyPath(t: Topology): string {
  const parts = [`Server ${t.server}`, `Subnet ${t.subnet} (${t.interface})`];
  if (t.stack !== undefined) parts.push(`Stack ${t.stack}`);
  if (t.clink !== undefined) parts.push(`C-Link ${t.clink}`);
  if (t.plink !== undefined) parts.push(`P-Link ${t.plink}`);
  return parts.join(' > ');
}
