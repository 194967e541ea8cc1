import type { AvailableClient, ClientRow, ServicePlan } from '@crosspoint/protocol';
import type { OrganizationRepository, OrgRecord } from '../repositories/organization.repository.ts';
import type { DeviceRepository } from '../repositories/device.repository.ts';
import type { AuditService } from './audit.service.ts';
import type { Rollups } from './rollups.ts';
import { isoDay, requirePermission, type Clock, type OrgContext } from './context.ts';
import { checkPlan, clientRowOf } from './organization.service.ts';
import { ServiceError } from './service-error.ts';

/**
 * A client organization changes hands: its support organization releases it (it keeps its devices,
 * users, servers and plan, and no one's roll-up includes it), and an Owner of it attaches it to
 * another support organization ("Choose available client organization"), whose pool then carries
 * its plan. Its devices move to the new roll-up at once.
 */
export class ClientAttachmentService {
  constructor(
    private readonly d: {
      orgs: OrganizationRepository;
      devices: DeviceRepository;
      rollups: Rollups;
      audit: AuditService;
      clock: Clock;
      /** Announces that an organization's devices changed (its roll-up and its counts). */
      devicesChanged: (orgId: string) => Promise<void>;
    },
  ) {}

  /** The client organizations the caller owns and no support organization looks after. */
  async available(ctx: OrgContext): Promise<AvailableClient[]> {
    requirePermission(ctx, 'clients.manage');
    this.requireSupport(ctx);
    const userId = ctx.actor.userId;
    if (!userId) return [];
    const orgs = await this.d.orgs.availableClients(userId);
    return Promise.all(orgs.map(async (o) => this.availableRow(o)));
  }

  async attach(ctx: OrgContext, organizationId: string, plan?: ServicePlan): Promise<ClientRow> {
    requirePermission(ctx, 'clients.manage');
    this.requireSupport(ctx);
    // Only an Owner of the organization may hand it to a support organization; to anyone else it
    // does not exist.
    const owned = ctx.actor.userId ? await this.d.orgs.availableClients(ctx.actor.userId) : [];
    const client = owned.find((o) => o.id === organizationId);
    if (!client) throw ServiceError.notFound('The client organization');
    const today = isoDay(this.d.clock());
    const kept: ServicePlan = {
      maxDevices: client.planMaxDevices ?? 0,
      start: client.planStart ?? today,
      end: client.planEnd ?? today,
    };
    const next = plan ?? kept;
    checkPlan(next, (ctx.org.devicePool ?? 0) - (await this.d.orgs.allocated(ctx.org.id)));
    const updated = await this.d.orgs.update(client.id, {
      parentId: ctx.org.id,
      planMaxDevices: next.maxDevices,
      planStart: next.start,
      planEnd: next.end,
    });
    if (!updated) throw ServiceError.notFound('The client organization');
    // Its usage from now on is this support organization's (metering's client terms).
    await this.d.orgs.openClientTerm(client.id, ctx.org.id, this.d.clock());
    await this.moved(client.id, ctx.org.id);
    await this.d.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'clients.attached',
      targetType: 'organization',
      targetId: client.id,
      detail: { name: client.name, plan: next },
    });
    await this.d.audit.record(ctx.actor, {
      orgId: client.id,
      action: 'org.attached',
      detail: { parent: ctx.org.name, plan: next },
    });
    const counts = await this.d.orgs.counts(client.id);
    return clientRowOf(updated, counts.servers, today, await this.d.devices.proAudioCount(client.id));
  }

  async release(ctx: OrgContext, clientId: string): Promise<AvailableClient> {
    requirePermission(ctx, 'clients.manage');
    this.requireSupport(ctx);
    const client = await this.d.orgs.byId(clientId);
    if (client?.parentId !== ctx.org.id || client.kind !== 'client')
      throw ServiceError.notFound('The client organization');
    const released = await this.d.orgs.update(client.id, { parentId: null });
    if (!released) throw ServiceError.notFound('The client organization');
    // Its usage until now stays this support organization's, for this month's invoice.
    await this.d.orgs.closeClientTerm(client.id, ctx.org.id, this.d.clock());
    await this.moved(client.id, client.id);
    await this.d.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'clients.released',
      targetType: 'organization',
      targetId: client.id,
      detail: { name: client.name },
    });
    await this.d.audit.record(ctx.actor, {
      orgId: client.id,
      action: 'org.released',
      detail: { parent: ctx.org.name },
    });
    return this.availableRow(released);
  }

  /** The client's devices now count in `rollupOrgId`'s roll-up; both roll-ups hear of it. */
  private async moved(clientId: string, rollupOrgId: string): Promise<void> {
    const before = await this.d.rollups.of(clientId);
    await this.d.devices.moveRollup(clientId, rollupOrgId);
    this.d.rollups.forget(clientId);
    await this.d.devicesChanged(clientId);
    if (before !== clientId) await this.d.devicesChanged(before);
    if (rollupOrgId !== clientId) await this.d.devicesChanged(rollupOrgId);
  }

  private async availableRow(o: OrgRecord): Promise<AvailableClient> {
    return {
      id: o.id,
      name: o.name,
      accountNumber: o.accountNumber ?? '',
      plan:
        o.planStart && o.planEnd
          ? { maxDevices: o.planMaxDevices ?? 0, start: o.planStart, end: o.planEnd }
          : null,
      proAudioDevices: await this.d.devices.proAudioCount(o.id),
    };
  }

  private requireSupport(ctx: OrgContext): void {
    if (ctx.org.kind !== 'support')
      throw ServiceError.invalid('BAD_REQUEST', 'Only a support organization has client organizations.');
  }
}
