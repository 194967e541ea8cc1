import type { CreateLocationRequest, Location, UpdateLocationRequest } from '@crosspoint/protocol';
import type { LocationRecord, LocationRepository } from '../repositories/location.repository.ts';
import type { AuditService } from './audit.service.ts';
import { requirePermission, type OrgContext } from './context.ts';
import { ServiceError } from './service-error.ts';
import { DuplicateError } from '../repositories/duplicate-error.ts';
import { isTimeZone } from './alerts/maintenance-window.ts';

/** A time zone people give a location must be one the hub knows (IANA). */
function checkTimeZone(timeZone: string | null | undefined): void {
  if (timeZone && !isTimeZone(timeZone))
    throw ServiceError.invalid(
      'VALIDATION_FAILED',
      `${timeZone} is not a known time zone (e.g. Europe/Berlin).`,
    );
}

/** Each organization's own hierarchy of places: region › building › floor › room, any depth. */
export class LocationService {
  constructor(
    private readonly locations: LocationRepository,
    private readonly audit: AuditService,
    /** Announces that an organization's devices changed (deleting a location unassigns its devices). */
    private readonly devicesChanged: (orgId: string) => Promise<void> = () => Promise.resolve(),
  ) {}

  async list(ctx: OrgContext): Promise<Location[]> {
    requirePermission(ctx, 'locations.read');
    const all = await this.locations.all(ctx.org.id);
    const byId = new Map(all.map((l) => [l.id, l]));
    const pathOf = (l: LocationRecord): string[] => {
      const names: string[] = [];
      let cur: LocationRecord | undefined = l;
      while (cur && names.length < 32) {
        names.unshift(cur.name);
        cur = cur.parentId ? byId.get(cur.parentId) : undefined;
      }
      return names;
    };
    return all
      .map((l) => ({
        id: l.id,
        parentId: l.parentId,
        name: l.name,
        kind: l.kind,
        path: pathOf(l),
        servers: l.servers,
        timeZone: l.timeZone,
      }))
      .sort((a, b) => a.path.join('\u0000').localeCompare(b.path.join('\u0000')));
  }

  async create(ctx: OrgContext, req: CreateLocationRequest): Promise<Location> {
    requirePermission(ctx, 'locations.manage');
    if (req.parentId && !(await this.locations.byId(ctx.org.id, req.parentId)))
      throw ServiceError.notFound('The parent location');
    checkTimeZone(req.timeZone);
    let created: LocationRecord;
    try {
      created = await this.locations.create({
        orgId: ctx.org.id,
        name: req.name.trim(),
        kind: req.kind,
        parentId: req.parentId ?? null,
        timeZone: req.timeZone ?? null,
      });
    } catch (e) {
      if (e instanceof DuplicateError)
        throw ServiceError.conflict('NAME_TAKEN', `There is already a location named ${req.name} there.`);
      throw e;
    }
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'locations.created',
      targetType: 'location',
      targetId: created.id,
      detail: { name: created.name, kind: created.kind },
    });
    return this.one(ctx, created.id);
  }

  async update(ctx: OrgContext, id: string, req: UpdateLocationRequest): Promise<Location> {
    requirePermission(ctx, 'locations.manage');
    const current = await this.locations.byId(ctx.org.id, id);
    if (!current) throw ServiceError.notFound('The location');
    checkTimeZone(req.timeZone);
    if (req.parentId) {
      if (!(await this.locations.byId(ctx.org.id, req.parentId)))
        throw ServiceError.notFound('The parent location');
      if (await this.isWithin(ctx.org.id, req.parentId, id)) {
        throw ServiceError.invalid('BAD_REQUEST', 'A location cannot move inside itself.');
      }
    }
    try {
      await this.locations.update(ctx.org.id, id, {
        ...(req.name !== undefined ? { name: req.name.trim() } : {}),
        ...(req.kind !== undefined ? { kind: req.kind } : {}),
        ...(req.parentId !== undefined ? { parentId: req.parentId } : {}),
        ...(req.timeZone !== undefined ? { timeZone: req.timeZone } : {}),
      });
    } catch (e) {
      if (e instanceof DuplicateError)
        throw ServiceError.conflict('NAME_TAKEN', 'There is already a location with that name there.');
      throw e;
    }
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'locations.updated',
      targetType: 'location',
      targetId: id,
      detail: { ...req },
    });
    return this.one(ctx, id);
  }

  async delete(ctx: OrgContext, id: string): Promise<void> {
    requirePermission(ctx, 'locations.manage');
    const all = await this.locations.all(ctx.org.id);
    const target = all.find((l) => l.id === id);
    if (!target) throw ServiceError.notFound('The location');
    if (all.some((l) => l.parentId === id)) {
      throw ServiceError.conflict(
        'CONFLICT',
        `${target.name} still contains other locations: move or delete them first.`,
      );
    }
    await this.locations.delete(ctx.org.id, id);
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'locations.deleted',
      targetType: 'location',
      targetId: id,
      detail: { name: target.name, servers: target.servers },
    });
    await this.devicesChanged(ctx.org.id);
  }

  private async one(ctx: OrgContext, id: string): Promise<Location> {
    const found = (await this.list(ctx)).find((l) => l.id === id);
    if (!found) throw ServiceError.notFound('The location');
    return found;
  }

  /** Whether `candidate` is `ancestor` or lies below it. */
  private async isWithin(orgId: string, candidate: string, ancestor: string): Promise<boolean> {
    const all = new Map((await this.locations.all(orgId)).map((l) => [l.id, l]));
    let cur: string | null = candidate;
    for (let i = 0; cur && i < 64; i++) {
      if (cur === ancestor) return true;
      cur = all.get(cur)?.parentId ?? null;
    }
    return false;
  }
}
