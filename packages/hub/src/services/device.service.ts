import {
  connectionStepsOf,
  firmwareUpdateFor,
  latestFirmware,
  groupOf,
  overflowedStatus,
  type DeviceListQuery,
  type DevicePage,
  type DeviceRow,
  type DeviceSummary,
} from '@crosspoint/protocol';
import {
  type DeviceRecord,
  type DeviceRepository,
  type DeviceSummaryCounts,
} from '../repositories/device.repository.ts';
import type { LocationRepository } from '../repositories/location.repository.ts';
import type { AuditService } from './audit.service.ts';
import type { LiveEvents } from './live-events.ts';
import { requirePermission, type OrgContext } from './context.ts';
import { scopeOf } from './rollups.ts';
import { decodeCursor, pageOf } from './paging.ts';
import { ServiceError } from './service-error.ts';
import type { FirmwareUpdateLookup } from './firmware/firmware-catalog.service.ts';
import type { OrgRecord } from '../repositories/organization.repository.ts';

/** What the device list asks of the firmware catalog. */
export interface FirmwareUpdates {
  /** "Update available" for rows of these organizations. */
  lookup(orgIds: string[]): Promise<FirmwareUpdateLookup>;
  /** The newest version per organization and model of everything the organization's list covers. */
  newest(org: OrgRecord): Promise<{ orgId: string; model: string; version: string }[]>;
}

/** Without a catalog: the releases Crosspoint knows (firmware-catalog.ts). */
const builtInFirmware: FirmwareUpdates = {
  lookup: () => Promise.resolve((_orgId, model, firmware) => firmwareUpdateFor(model, firmware)),
  newest: (org) =>
    Promise.resolve(
      Object.entries(latestFirmware).map(([model, version]) => ({ orgId: org.id, model, version })),
    ),
};

/** How the hub tends the counts the database keeps (see `DeviceRepository.foldCounts`). */
export interface DeviceCountSettings {
  /** How often the kept counts are folded (ms; default 1,000). */
  foldEveryMs?: number;
  onError?: (e: unknown) => void;
}

/**
 * Devices of an organization: the list, one device with its history, and dashboard counts. The
 * counts are kept by the database as devices change (migration 0029), so every hub reads the same
 * exact counts from a few rows, without recounting or listening to the bus; each hub folds them
 * while it runs.
 */
export class DeviceService {
  private foldTimer: ReturnType<typeof setInterval> | undefined;
  private folding = false;
  private folds = 0;

  constructor(
    private readonly devices: DeviceRepository,
    private readonly locations: LocationRepository,
    private readonly audit: AuditService,
    private readonly live: LiveEvents,
    /** Organizations' names, for a roll-up's counts per organization. */
    private readonly orgNames: (orgIds: string[]) => Promise<Map<string, string>>,
    /** The firmware catalog's "update available" (default: the built-in releases). */
    private readonly firmware: FirmwareUpdates = builtInFirmware,
    private readonly countSettings: DeviceCountSettings = {},
  ) {}

  /** Folds the kept counts every second (or as set) until stopped; a fold still running is not doubled. */
  start(): Promise<void> {
    this.foldTimer ??= setInterval(() => void this.fold(), this.countSettings.foldEveryMs ?? 1_000);
    this.foldTimer.unref();
    return Promise.resolve();
  }

  stop(): void {
    clearInterval(this.foldTimer);
    this.foldTimer = undefined;
  }

  /** Folds the kept counts once (the timer's step), vacuuming them every 60th time; returns the rows folded away. */
  async fold(): Promise<number> {
    if (this.folding) return 0;
    this.folding = true;
    try {
      const folded = await this.devices.foldCounts();
      if (++this.folds % 60 === 0) await this.devices.vacuumCounts();
      return folded;
    } catch (e) {
      // A fold cut short by the hub stopping (its database closing) is no failure.
      if (this.foldTimer) this.countSettings.onError?.(e);
      return 0;
    } finally {
      this.folding = false;
    }
  }

  /**
   * Recounts every organization's devices and corrects the kept counts that differ (periodically
   * and after a bus gap): returns the organizations whose counts had drifted.
   */
  verifySummaries(): Promise<string[]> {
    return this.devices.reconcileCounts();
  }

  /** Tells every hub and browser that an organization's devices changed (location, plan, membership). */
  async changed(orgId: string): Promise<void> {
    await this.live.publish(orgId, { kind: 'devices', changed: 0 });
  }

  async list(ctx: OrgContext, query: DeviceListQuery): Promise<DevicePage> {
    requirePermission(ctx, 'devices.read');
    const limit = query.limit ?? 50;
    const cursor = decodeCursor(query.cursor);
    const filter = {
      search: query.search,
      status: query.status,
      group: query.group,
      model: query.model,
      ip: query.ip,
      serverId: query.serverId,
      locationId: query.locationId,
      kind: query.kind,
      orgId: query.organizationId,
      olderThan: query.update === 'available' ? await this.firmware.newest(ctx.org) : undefined,
    };
    const onlyKind =
      !filter.search?.trim() &&
      !filter.status &&
      !filter.group &&
      !filter.model &&
      !filter.ip &&
      !filter.serverId &&
      !filter.locationId &&
      !filter.orgId &&
      !filter.olderThan;
    // The whole list (or one kind of it) is counted by the kept counts already.
    const knownTotal =
      cursor?.total ?? (onlyKind ? await this.devices.total(scopeOf(ctx.org), filter.kind) : undefined);
    const { rows, total, capped } = await this.devices.list(scopeOf(ctx.org), filter, {
      sort: query.sort ?? 'name',
      order: query.order ?? 'asc',
      limit,
      after: cursor,
      knownTotal,
    });
    const updates = await this.firmware.lookup(rows.map((r) => r.orgId));
    const page = pageOf(
      rows,
      limit,
      (r) => deviceRow(r, r.effective, r.locationName, r.orgName, updates),
      (r) => ({ value: r.sortKey, id: r.id }),
      total,
    );
    return { ...page, total, totalCapped: capped };
  }

  async detail(ctx: OrgContext, id: string) {
    requirePermission(ctx, 'devices.read');
    const d = await this.devices.byId(ctx.org.id, id);
    if (!d) throw ServiceError.notFound('The device');
    const location = d.locationId ? await this.locations.byId(ctx.org.id, d.locationId) : undefined;
    const history = await this.devices.history(d.id, 200);
    return {
      device: deviceRow(
        d,
        d.overflowed ? overflowedStatus : d.status,
        location?.name ?? null,
        ctx.org.name,
        await this.firmware.lookup([d.orgId]),
      ),
      history: history.map((h) => ({
        status: h.status,
        since: h.since.toISOString(),
        observedAt: h.observedAt.toISOString(),
      })),
    };
  }

  async summary(ctx: OrgContext): Promise<DeviceSummary> {
    requirePermission(ctx, 'devices.read');
    const s = await this.devices.summary(scopeOf(ctx.org));
    const groups = { down: 0, issues: 0, healthy: 0, unmonitored: 0 };
    const byStatus = s.byStatus.map((r) => {
      const g = groupOf(r.status);
      groups[g] += r.n;
      return { status: r.status, count: r.n, group: g };
    });
    return {
      groups,
      byStatus: byStatus.sort((a, b) => b.count - a.count),
      byModel: s.byModel.map((m) => ({ model: m.model, kind: m.kind, count: m.n })),
      byLocation: s.byLocation.map((l) => ({
        locationId: l.locationId,
        count: l.n,
        down: l.down,
        issues: l.issues,
      })),
      byOrganization: await this.byOrganization(s),
      total: groups.down + groups.issues + groups.healthy + groups.unmonitored,
    };
  }

  /** A roll-up's organizations, worst first: most Down, then most with issues, then most devices. */
  private async byOrganization(s: DeviceSummaryCounts): Promise<DeviceSummary['byOrganization']> {
    const names = await this.orgNames(s.byOrg.map((o) => o.orgId));
    return s.byOrg
      .map((o) => ({
        organization: { id: o.orgId, name: names.get(o.orgId) ?? '' },
        count: o.n,
        down: o.down,
        issues: o.issues,
      }))
      .sort(
        (a, b) =>
          b.down - a.down ||
          b.issues - a.issues ||
          b.count - a.count ||
          a.organization.name.localeCompare(b.organization.name),
      );
  }

  async assignLocation(ctx: OrgContext, deviceIds: string[], locationId: string | null): Promise<number> {
    requirePermission(ctx, 'locations.manage');
    if (locationId && !(await this.locations.byId(ctx.org.id, locationId)))
      throw ServiceError.notFound('The location');
    const n = await this.devices.setLocation(ctx.org.id, deviceIds, locationId);
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'devices.location_assigned',
      detail: { devices: n, locationId },
    });
    if (n > 0) await this.changed(ctx.org.id);
    return n;
  }
}

function deviceRow(
  d: DeviceRecord,
  status: string,
  locationName: string | null,
  orgName: string,
  updates: FirmwareUpdateLookup,
): DeviceRow {
  return {
    id: d.id,
    organization: { id: d.orgId, name: orgName },
    kind: d.kind,
    status,
    since: d.statusSince.toISOString(),
    model: d.model,
    name: d.name,
    serial: d.serial,
    connections: connectionStepsOf(d.path),
    location: d.locationId && locationName ? { id: d.locationId, name: locationName } : null,
    firmware: d.firmware,
    firmwareUpdate: updates(d.orgId, d.model, d.firmware),
    ip: d.ip,
    serverId: d.serverId,
    lastSeenAt: d.lastSeenAt.toISOString(),
  };
}
