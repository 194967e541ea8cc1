import { modelByCode } from '@crosspoint/protocol';
import { deviceIdOf, type InventoryDevice } from '../../inventory/inventory.ts';
import type { PlinkItem } from './cp2-client.ts';

/** The inventory record of a P-Link peripheral listed by its host box: same access address, topology one level down. */
export function peripheralDevice(host: InventoryDevice, item: PlinkItem, now: number): InventoryDevice {
  const t = host.topology;
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
    // Spelled out rather than `{ ...host.topology, plink }`, which gave every peripheral's topology
    // a hidden class of its own (a few hundred bytes each, 3,278 peripherals at 5,000 devices).
    topology: {
      server: t.server,
      subnet: t.subnet,
      interface: t.interface,
      stack: t.stack,
      clink: t.clink,
      plink: item.plink,
    },
    firstSeen: now,
    lastSeen: now,
    status: item.online ? 'Healthy' : 'Down',
    since: now,
  };
}
