import { firmwareUpdateFor, statusGroup, type DeviceListQuery, type DevicePage, type DeviceRow, type DeviceSummary, type DeviceStatus } from '@crosspoint/protocol';
import type { DeviceRecord, DeviceRepository } from '../repositories/device.repository.ts';
import type { LocationRepository } from '../repositories/location.repository.ts';
import type { AuditService } from './audit.service.ts';
import { requirePermission, type OrgContext } from './context.ts';
import { decodeCursor, pageOf } from './paging.ts';
import { ServiceError } from './service-error.ts';

const group = (status: string): 'down' | 'issues' | 'healthy' =>
  status === 'Overflowed' ? 'issues' : (statusGroup(status as DeviceStatus).toLowerCase() as 'down' | 'issues' | 'healthy');

/** Devices of an organization: the list, one device with its history, and dashboard counts. */
export class DeviceService {
  constructor(
    private readonly devices: DeviceRepository,
    private readonly locations: LocationRepository,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: OrgContext, query: DeviceListQuery): Promise<DevicePage> {
    requirePermission(ctx, 'devices.read');
    const limit = query.limit ?? 50;
    const { rows, total } = await this.devices.list(
      ctx.org.id,
      { search: query.search, status: query.status, group: query.group, model: query.model, serverId: query.serverId, locationId: query.locationId, kind: query.kind },
      { sort: query.sort ?? 'name', order: query.order ?? 'asc', limit, after: decodeCursor(query.cursor) },
    );
    return { ...pageOf(rows, limit, (r) => deviceRow(r, r.effective, r.locationName), (r) => ({ value: r.sortKey, id: r.id })), total };
  }

  async detail(ctx: OrgContext, id: string) {
    requirePermission(ctx, 'devices.read');
    const d = await this.devices.byId(ctx.org.id, id);
    if (!d) throw ServiceError.notFound('The device');
    const location = d.locationId ? await this.locations.byId(ctx.org.id, d.locationId) : undefined;
    const history = await this.devices.history(d.id, 200);
    return {
      device: deviceRow(d, d.overflowed ? 'Overflowed' : d.status, location?.name ?? null),
      history: history.map((h) => ({ status: h.status, since: h.since.toISOString(), observedAt: h.observedAt.toISOString() })),
    };
  }

  async summary(ctx: OrgContext): Promise<DeviceSummary> {
    requirePermission(ctx, 'devices.read');
    const s = await this.devices.summary(ctx.org.id);
    const groups = { down: 0, issues: 0, healthy: 0 };
    const byStatus = s.byStatus.map((r) => {
      const g = group(r.status);
      groups[g] += r.n;
      return { status: r.status, count: r.n, group: g };
    });
    return {
      groups,
      byStatus: byStatus.sort((a, b) => b.count - a.count),
      byModel: s.byModel.map((m) => ({ model: m.model, kind: m.kind, count: m.n })),
      byLocation: s.byLocation.map((l) => ({ locationId: l.locationId, count: l.n, down: l.down, issues: l.issues })),
      total: groups.down + groups.issues + groups.healthy,
    };
  }

  async assignLocation(ctx: OrgContext, deviceIds: string[], locationId: string | null): Promise<number> {
    requirePermission(ctx, 'locations.manage');
    if (locationId && !(await this.locations.byId(ctx.org.id, locationId))) throw ServiceError.notFound('The location');
    const n = await this.devices.setLocation(ctx.org.id, deviceIds, locationId);
    await this.audit.record(ctx.actor, { orgId: ctx.org.id, action: 'devices.location_assigned', detail: { devices: n, locationId } });
    return n;
  }
}

function deviceRow(d: DeviceRecord, status: string, locationName: string | null): DeviceRow {
  return {
    id: d.id,
    kind: d.kind,
    status,
    since: d.statusSince.toISOString(),
    model: d.model,
    name: d.name,
    serial: d.serial,
    connections: d.path,
    location: d.locationId && locationName ? { id: d.locationId, name: locationName } : null,
    firmware: d.firmware,
    firmwareUpdate: firmwareUpdateFor(d.model, d.firmware),
    ip: d.ip,
    serverId: d.serverId,
    lastSeenAt: d.lastSeenAt.toISOString(),
  };
}
