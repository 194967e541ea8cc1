import type {
  CompatibleDevice,
  CompatibleDeviceDetail,
  CompatibleSearchAnswer,
  DeviceRow,
} from '@crosspoint/protocol';
import { deviceModels } from '@crosspoint/protocol';
import type { DeviceRepository } from '../repositories/device.repository.ts';
import type { OrganizationRepository } from '../repositories/organization.repository.ts';
import type { AccessService } from './access.service.ts';
import { requirePermission, type Actor, type Clock, type OrgContext } from './context.ts';
import type { DeviceService } from './device.service.ts';
import { scopeOf } from './rollups.ts';
import { ServiceError } from './service-error.ts';

/** A search answers at most this many devices (the vendor's API has no pages). */
export const compatibleSearchLimit = 200;

const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The vendor-compatible read API for monitoring integrations (docs/compatible-api.md): what an API
 * key's organization sees — a support organization's key also its clients' devices — in the
 * vendor's field names.
 */
export class CompatibleApiService {
  constructor(
    private readonly d: {
      access: AccessService;
      devices: DeviceService;
      deviceRepo: DeviceRepository;
      orgs: OrganizationRepository;
      clock: Clock;
    },
  ) {}

  async search(actor: Actor, q: string | undefined): Promise<CompatibleSearchAnswer> {
    const ctx = await this.keyContext(actor);
    const term = q?.trim() ?? '';
    // An address is looked up, not searched: 127.0.0.1 does not also answer 127.0.0.10.
    const match = ipv4.test(term) ? { ip: term } : term ? { search: term } : {};
    const page = await this.d.devices.list(ctx, {
      ...match,
      kind: 'pro-audio',
      sort: 'name',
      order: 'asc',
      limit: compatibleSearchLimit,
    });
    const now = this.d.clock();
    return { avDevices: page.items.map((r) => compatibleDevice(r, now)) };
  }

  async device(actor: Actor, id: string): Promise<CompatibleDeviceDetail> {
    const ctx = await this.keyContext(actor);
    const orgId = await this.d.deviceRepo.orgOfInScope(scopeOf(ctx.org), id);
    const org = orgId ? await this.d.orgs.byId(orgId) : undefined;
    if (!org) throw ServiceError.notFound('The device');
    // A support organization's role carries down to its clients.
    const { device } = await this.d.devices.detail({ ...ctx, org }, id);
    if (device.kind !== 'pro-audio') throw ServiceError.notFound('The device');
    return {
      ...compatibleDevice(device, this.d.clock()),
      partNumber: partNumberOf(device.model),
      status: device.status,
      statusSince: device.since,
    };
  }

  /** The organization of the API key, where it must read devices. */
  private async keyContext(actor: Actor): Promise<OrgContext> {
    if (!actor.token) {
      throw new ServiceError('UNAUTHENTICATED', 'Send one of your API tokens in the X-Api-Key header.', 401);
    }
    const ctx = await this.d.access.resolve(actor, actor.token.orgId);
    if (ctx.org.kind === 'platform') {
      throw ServiceError.forbidden(
        'This key belongs to the platform organization, which has no devices: use a key of a support, client or enterprise organization.',
      );
    }
    requirePermission(ctx, 'devices.read');
    return ctx;
  }
}

function compatibleDevice(r: DeviceRow, now: Date): CompatibleDevice {
  return {
    id: r.id,
    productModel: r.model,
    serialNumber: r.serial,
    firmwareVersion: r.firmware,
    hasNewFirmware: r.firmwareUpdate !== null,
    locateMode: r.status === 'Locate Light On',
    relativeStatus: `${r.status} - ${timeIn(new Date(r.since), now)}`,
    location: r.location?.name ?? null,
    name: r.name,
    ipAddress: r.ip,
    organization: r.organization.name,
  };
}

/** "6 hours", "1 minute", "3 days": the largest whole unit, as the vendor's list shows it. */
export function timeIn(since: Date, now: Date): string {
  const s = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 1000));
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  const [size, unit] = units.find(([n]) => s >= n) ?? [1, 'second'];
  const n = Math.floor(s / size);
  return `${String(n)} ${unit}${n === 1 ? '' : 's'}`;
}

const plain = (name: string): string => name.replace(/®/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
/** The catalog's model code for a model name (`CONVERGE Pro 2 128V` → `CP2_128V`), else the name. */
function partNumberOf(model: string): string {
  const found = Object.values(deviceModels).find((m) => plain(m.displayName) === plain(model));
  return found?.code ?? model;
}
