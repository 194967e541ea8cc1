import type { SimDeviceInfo } from '../state/world.ts';
import type { ActiveFault } from './faults.ts';

/** The JSON the control API shows for a device: its info (live values resolved) and its faults. */
export function deviceView(info: SimDeviceInfo, faults: ActiveFault[]): Record<string, unknown> {
  return {
    id: info.id,
    kind: info.kind,
    family: info.family,
    model: info.model,
    name: info.name,
    ip: info.ip,
    port: info.port,
    ftpPort: info.ftpPort,
    subnet: info.subnet,
    nic: info.nic,
    stack: info.stack,
    clink: info.clink,
    plink: info.plink,
    hostId: info.hostId,
    serial: info.serial,
    firmware: info.firmware,
    credentials: info.credentials,
    reachable: info.reachable,
    faults: Object.fromEntries(faults.map((f) => [f.fault, f.params])),
  };
}
