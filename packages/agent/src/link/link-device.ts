import {
  linkPathOf,
  modelByCode,
  notMonitoredStatus,
  type LinkChange,
  type LinkDevice,
} from '@crosspoint/protocol';
import type { InventoryDevice } from '../inventory/inventory.ts';

/** Where the device sits, as the link carries it (the protocol's one encoding; the hub reads it back as steps). */
export const pathOf = (d: InventoryDevice): string[] => linkPathOf(d.topology);

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
