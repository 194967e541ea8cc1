import { modelByCode, notMonitoredStatus, type LinkChange, type LinkDevice } from '@crosspoint/protocol';
import type { InventoryDevice } from '../inventory/inventory.ts';

/** Connections path as the hub shows it: Server › Subnet (iface) › Stack › C-Link NN › P-Link NN. */
export function pathOf(d: InventoryDevice): string[] {
  const t = d.topology;
  const parts = [t.server, `Subnet ${t.subnet} (${t.interface})`];
  if (t.stack !== undefined) parts.push(`Stack ${t.stack}`);
  if (t.clink !== undefined) parts.push(`C-Link ${t.clink}`);
  if (t.plink !== undefined) parts.push(`P-Link ${t.plink}`);
  return parts;
}

/**
 * What the hub is told of a device on a disabled subnet: not Down (which would raise alerts) and not
 * its last status (which nobody checks any more), but that the agent no longer watches it (the
 * hub counts such devices apart).
 */
export const notMonitored = notMonitoredStatus;

/** A device of the agent's inventory as a link frame carries it. */
export function toLinkDevice(d: InventoryDevice & { unmonitored?: { since: number } }): LinkDevice {
  return {
    id: d.id,
    family: d.family,
    model: modelByCode(d.model)?.displayName ?? d.model,
    serial: d.serial.slice(0, 60),
    firmware: d.firmware.slice(0, 40),
    name: d.name.slice(0, 120),
    ip: d.host,
    ...(d.parentId !== undefined ? { parentId: d.parentId } : {}),
    path: pathOf(d).map((p) => p.slice(0, 80)),
    status: d.unmonitored ? notMonitored : d.status,
    since: d.unmonitored ? d.unmonitored.since : d.since,
  };
}

export type { LinkChange };
