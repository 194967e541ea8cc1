import { modelByCode } from '@crosspoint/protocol';
import { deviceIdOf, type InventoryDevice } from '../../inventory/inventory.ts';
import type { PlinkItem } from './cp2-client.ts';

/** The inventory record of a P-Link peripheral listed by its host box: same access address, topology one level down. */
export function peripheralDevice(host: InventoryDevice, item: PlinkItem, now: number): InventoryDevice {
  return {
    id: deviceIdOf('plink', item.serial),
    family: 'plink',
    model: item.model,
    serial: item.serial,
    firmware: item.firmware,
    name: modelByCode(item.model)?.displayName ?? item.model,
    host: host.host,
    port: host.port,
    parentId: host.id,
    topology: { ...host.topology, plink: item.plink },
    firstSeen: now,
    lastSeen: now,
    status: item.online ? 'Healthy' : 'Down',
    since: now,
  };
}
