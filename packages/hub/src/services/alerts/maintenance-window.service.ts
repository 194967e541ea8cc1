import type {
  CreateMaintenanceWindowRequest,
  MaintenanceSchedule,
  MaintenanceWindow,
  UpdateMaintenanceWindowRequest,
} from '@crosspoint/protocol';
import type {
  AlertConfigRepository,
  MaintenanceWindowRecord,
} from '../../repositories/alert-config.repository.ts';
import type { DeviceRepository } from '../../repositories/device.repository.ts';
import type { LocationRepository } from '../../repositories/location.repository.ts';
import type { AuditService } from '../audit.service.ts';
import { requirePermission, type Clock, type OrgContext } from '../context.ts';
import { isTimeZone, windowActive } from './maintenance-window.ts';
import { ServiceError } from '../service-error.ts';

/** Maintenance windows: an organization, a location or a device whose alerts are muted for a while. */
export class MaintenanceWindowService {
  constructor(
    private readonly deps: {
      config: AlertConfigRepository;
      locations: LocationRepository;
      devices: DeviceRepository;
      audit: AuditService;
      clock: Clock;
      /** A rule or window changed: evaluate the organization again soon. */
      changed: (orgId: string) => void;
    },
  ) {}

  async windows(ctx: OrgContext): Promise<MaintenanceWindow[]> {
    requirePermission(ctx, 'alerts.read');
    const now = this.deps.clock();
    return (await this.deps.config.windows(ctx.org.id)).map((w) => windowView(w, now));
  }

  async createWindow(ctx: OrgContext, req: CreateMaintenanceWindowRequest): Promise<MaintenanceWindow> {
    requirePermission(ctx, 'alerts.manage');
    this.checkSchedule(req.schedule);
    let locationId: string | null = null;
    let deviceId: string | null = null;
    if (req.scope === 'location') {
      if (!req.locationId)
        throw ServiceError.invalid('VALIDATION_FAILED', 'A location window needs a locationId.', [
          { path: '/body/locationId', message: 'is required' },
        ]);
      if (!(await this.deps.locations.byId(ctx.org.id, req.locationId)))
        throw ServiceError.notFound('The location');
      locationId = req.locationId;
    } else if (req.scope === 'device') {
      if (!req.deviceId)
        throw ServiceError.invalid('VALIDATION_FAILED', 'A device window needs a deviceId.', [
          { path: '/body/deviceId', message: 'is required' },
        ]);
      if (!(await this.deps.devices.byId(ctx.org.id, req.deviceId)))
        throw ServiceError.notFound('The device');
      deviceId = req.deviceId;
    }
    const w = await this.deps.config.createWindow({
      orgId: ctx.org.id,
      name: req.name.trim(),
      scope: req.scope,
      locationId,
      deviceId,
      schedule: req.schedule,
      createdBy: ctx.actor.label,
    });
    await this.deps.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'alerts.window_created',
      targetType: 'maintenance_window',
      targetId: w.id,
      detail: { name: w.name, scope: w.scope, schedule: w.schedule },
    });
    this.deps.changed(ctx.org.id);
    return windowView(w, this.deps.clock());
  }

  async updateWindow(
    ctx: OrgContext,
    id: string,
    req: UpdateMaintenanceWindowRequest,
  ): Promise<MaintenanceWindow> {
    requirePermission(ctx, 'alerts.manage');
    if (req.schedule) this.checkSchedule(req.schedule);
    const w = await this.deps.config.updateWindow(ctx.org.id, id, {
      ...(req.name !== undefined ? { name: req.name.trim() } : {}),
      ...(req.schedule ? { schedule: req.schedule } : {}),
    });
    if (!w) throw ServiceError.notFound('The maintenance window');
    await this.deps.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'alerts.window_updated',
      targetType: 'maintenance_window',
      targetId: id,
      detail: { fields: Object.keys(req) },
    });
    this.deps.changed(ctx.org.id);
    return windowView(w, this.deps.clock());
  }

  async deleteWindow(ctx: OrgContext, id: string): Promise<void> {
    requirePermission(ctx, 'alerts.manage');
    const w = await this.deps.config.window(ctx.org.id, id);
    if (!w) throw ServiceError.notFound('The maintenance window');
    await this.deps.config.deleteWindow(ctx.org.id, id);
    await this.deps.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'alerts.window_deleted',
      targetType: 'maintenance_window',
      targetId: id,
      detail: { name: w.name },
    });
    this.deps.changed(ctx.org.id);
  }

  private checkSchedule(s: MaintenanceSchedule): void {
    if (s.kind === 'once' && Date.parse(s.endsAt) <= Date.parse(s.startsAt)) {
      throw ServiceError.invalid('VALIDATION_FAILED', 'The window ends before it starts.', [
        { path: '/body/schedule/endsAt', message: 'must be after startsAt' },
      ]);
    }
    if (s.kind === 'weekly' && s.timeZone && !isTimeZone(s.timeZone)) {
      throw ServiceError.invalid('VALIDATION_FAILED', `Unknown time zone "${s.timeZone}".`, [
        { path: '/body/schedule/timeZone', message: 'is not an IANA time zone' },
      ]);
    }
  }
}

function windowView(w: MaintenanceWindowRecord, now: Date): MaintenanceWindow {
  return {
    id: w.id,
    name: w.name,
    scope: w.scope,
    locationId: w.locationId,
    deviceId: w.deviceId,
    schedule: w.schedule,
    active: windowActive(w.schedule, now),
    createdBy: w.createdBy,
    createdAt: w.createdAt.toISOString(),
  };
}
