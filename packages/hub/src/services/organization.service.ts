import type {
  ClientPage,
  ClientRow,
  CreateClientRequest,
  Organization,
  OrgStatus,
  ServicePlan,
  UpdatePlanRequest,
  UpdateSupportOrgRequest,
} from '@crosspoint/protocol';
import type { OrganizationRepository, OrgRecord } from '../repositories/organization.repository.ts';
import type { DeviceRepository } from '../repositories/device.repository.ts';
import type { AuditService } from './audit.service.ts';
import type { MembershipInviter } from './user.service.ts';
import { isoDay, requirePermission, type Actor, type Clock, type OrgContext } from './context.ts';
import { decodeCursor, pageOf } from './paging.ts';
import { ServiceError } from './service-error.ts';
import { unlicensedCapacity } from './license.service.ts';
import { applyTrial, deviceLimit, trialEnded } from './editions.ts';

/** The status of a client organization, from its plan dates, first sign-in and device count. */
export function clientStatus(
  org: Pick<OrgRecord, 'planEnd' | 'planMaxDevices' | 'activatedAt'>,
  devices: number,
  today: string,
): OrgStatus {
  if (org.planEnd && org.planEnd < today) return 'Expired';
  if (org.planMaxDevices !== null && devices > org.planMaxDevices) return 'Overflow';
  if (!org.activatedAt) return 'Invited';
  return 'Active';
}

/** A new client's plan when none is given: no devices, three months from today. */
function defaultPlan(today: string): ServicePlan {
  const end = new Date(`${today}T00:00:00Z`);
  end.setUTCMonth(end.getUTCMonth() + 3);
  return { maxDevices: 0, start: today, end: isoDay(end) };
}

export class OrganizationService {
  constructor(
    private readonly orgs: OrganizationRepository,
    private readonly devices: DeviceRepository,
    private readonly inviter: MembershipInviter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    /** Announces that an organization's devices changed (a plan change can overflow some). */
    private readonly devicesChanged: (orgId: string) => Promise<void> = () => Promise.resolve(),
  ) {}

  async get(ctx: OrgContext): Promise<Organization> {
    requirePermission(ctx, 'org.read');
    const org = ctx.org;
    const parent = org.parentId ? await this.orgs.byId(org.parentId) : undefined;
    const counts = await this.orgs.counts(org.id);
    const today = isoDay(this.clock());
    const devices = await this.devices.proAudioCount(org.id);
    const hasPool = org.kind === 'support' || org.kind === 'enterprise';
    const onTrial = org.kind === 'support' ? org : org.kind === 'client' ? parent : undefined;
    const allocated = hasPool ? await this.orgs.allocated(org.id) : 0;
    return {
      id: org.id,
      kind: org.kind,
      name: org.name,
      parent: parent ? { id: parent.id, name: parent.name } : null,
      accountNumber: org.accountNumber,
      clientReference: org.clientReference,
      status: org.kind === 'client' ? clientStatus(org, devices, today) : null,
      plan:
        org.planStart && org.planEnd
          ? { maxDevices: org.planMaxDevices ?? 0, start: org.planStart, end: org.planEnd }
          : null,
      pool: hasPool
        ? {
            total: org.devicePool ?? 0,
            allocated,
            available: (org.devicePool ?? 0) - allocated,
            monitored: await this.orgs.poolMonitored(org.id),
          }
        : null,
      trial:
        onTrial?.kind === 'support' && onTrial.planEnd
          ? { organization: onTrial.name, end: onTrial.planEnd, ended: trialEnded(onTrial, today) }
          : null,
      counts: { ...counts, proAudioDevices: devices },
      createdAt: org.createdAt.toISOString(),
    };
  }

  async update(ctx: OrgContext, changes: { name?: string | undefined }): Promise<Organization> {
    requirePermission(ctx, 'org.update');
    if (changes.name !== undefined) {
      const name = changes.name.trim();
      const updated = await this.orgs.update(ctx.org.id, { name });
      if (updated) ctx = { ...ctx, org: updated };
      await this.audit.record(ctx.actor, { orgId: ctx.org.id, action: 'org.updated', detail: { name } });
    }
    return this.get(ctx);
  }

  async listClients(
    ctx: OrgContext,
    query: {
      search?: string | undefined;
      status?: OrgStatus | undefined;
      sort?: string | undefined;
      order?: 'asc' | 'desc' | undefined;
      cursor?: string | undefined;
      limit?: number | undefined;
    },
  ): Promise<ClientPage> {
    requirePermission(ctx, 'clients.read');
    this.requireSupport(ctx);
    const limit = query.limit ?? 50;
    const { rows, total } = await this.orgs.listClients(
      ctx.org.id,
      { search: query.search, status: query.status, today: isoDay(this.clock()) },
      { sort: query.sort ?? 'name', order: query.order ?? 'asc', limit, after: decodeCursor(query.cursor) },
    );
    const today = isoDay(this.clock());
    return {
      ...pageOf(
        rows,
        limit,
        (r) => clientRowOf(r, r.servers, today, r.devices),
        (r) => ({ value: r.sortKey, id: r.id }),
      ),
      total,
    };
  }

  /** The add-client wizard: validates details and plan, and with `dryRun: false` adds the client. */
  async createClient(ctx: OrgContext, req: CreateClientRequest) {
    requirePermission(ctx, 'clients.manage');
    this.requireSupport(ctx);
    const today = isoDay(this.clock());
    const plan = req.plan ?? defaultPlan(today);
    const available = (ctx.org.devicePool ?? 0) - (await this.orgs.allocated(ctx.org.id));
    checkPlan(plan, available);
    const name = req.name.trim();
    if (!name)
      throw ServiceError.invalid('VALIDATION_FAILED', 'The organization needs a name.', [
        { path: '/body/name', message: 'is empty' },
      ]);
    const ownerEmail = req.owner.email.trim().toLowerCase();
    const review = {
      name,
      ownerEmail,
      ownerExists: await this.inviter.hasAccount(ownerEmail),
      plan,
      poolAvailableAfter: available - plan.maxDevices,
    };
    if (req.dryRun) return { dryRun: true, client: null, review };

    const client = await this.orgs.create({
      kind: 'client',
      parentId: ctx.org.id,
      name,
      accountNumber: await this.orgs.nextAccountNumber(),
      clientReference: req.clientReference?.trim() || null,
      planMaxDevices: plan.maxDevices,
      planStart: plan.start,
      planEnd: plan.end,
    });
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'clients.created',
      targetType: 'organization',
      targetId: client.id,
      detail: { name, accountNumber: client.accountNumber, plan, owner: ownerEmail },
    });
    await this.audit.record(ctx.actor, {
      orgId: client.id,
      action: 'org.created',
      detail: { parent: ctx.org.name, plan },
    });
    await this.inviter.addMember(ctx.actor, client, ownerEmail, 'owner', {
      firstName: req.owner.firstName,
      lastName: req.owner.lastName,
    });
    return { dryRun: false, client: clientRowOf(client, 0, today, 0), review };
  }

  async updatePlan(ctx: OrgContext, clientId: string, req: UpdatePlanRequest): Promise<ClientRow> {
    requirePermission(ctx, 'clients.manage');
    this.requireSupport(ctx);
    const client = await this.orgs.byId(clientId);
    if (client?.parentId !== ctx.org.id || client.kind !== 'client')
      throw ServiceError.notFound('The client organization');
    const today = isoDay(this.clock());
    const current = {
      maxDevices: client.planMaxDevices ?? 0,
      start: client.planStart ?? today,
      end: client.planEnd ?? today,
    };
    const plan: ServicePlan = {
      maxDevices: req.maxDevices ?? current.maxDevices,
      start: req.start ?? current.start,
      end: req.end ?? current.end,
    };
    const available = (ctx.org.devicePool ?? 0) - (await this.orgs.allocated(ctx.org.id, client.id));
    checkPlan(plan, available);
    const updated = await this.orgs.update(client.id, {
      planMaxDevices: plan.maxDevices,
      planStart: plan.start,
      planEnd: plan.end,
      ...(req.clientReference !== undefined ? { clientReference: req.clientReference?.trim() || null } : {}),
    });
    if (!updated) throw ServiceError.notFound('The client organization');
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'clients.plan_changed',
      targetType: 'organization',
      targetId: client.id,
      detail: { from: current, to: plan },
    });
    await this.audit.record(ctx.actor, {
      orgId: client.id,
      action: 'org.plan_changed',
      detail: { from: current, to: plan },
    });
    const counts = await this.orgs.counts(client.id);
    if (await this.devices.applyPlan(client.id, deviceLimit(updated, ctx.org, today)))
      await this.devicesChanged(client.id);
    return clientRowOf(updated, counts.servers, today, await this.devices.proAudioCount(client.id));
  }

  /** The platform's support organizations (operators only). */
  async listSupportOrgs(ctx: OrgContext): Promise<Organization[]> {
    requirePermission(ctx, 'clients.read');
    if (ctx.org.kind !== 'platform')
      throw ServiceError.invalid('BAD_REQUEST', 'Only the platform organization has support organizations.');
    const children = await this.orgs.children(ctx.org.id);
    return Promise.all(children.map((org) => this.get({ ...ctx, org })));
  }

  /** Through the API: the operator adds a support organization. */
  async addSupportOrg(
    ctx: OrgContext,
    input: { name: string; ownerEmail: string; devicePool: number },
  ): Promise<Organization> {
    requirePermission(ctx, 'clients.manage');
    if (ctx.org.kind !== 'platform')
      throw ServiceError.invalid('BAD_REQUEST', 'Only the platform organization adds support organizations.');
    const org = await this.createSupportOrg(ctx.actor, input);
    return this.get({ ...ctx, org });
  }

  /**
   * The operator changes a support organization's pool, extends its trial or makes it a paying one
   * (no trial end). Its devices and its clients' follow at once (a trial extended or ended).
   */
  async updateSupportOrg(
    ctx: OrgContext,
    supportId: string,
    req: UpdateSupportOrgRequest,
  ): Promise<Organization> {
    requirePermission(ctx, 'clients.manage');
    const support = await this.orgs.byId(supportId);
    if (support?.kind !== 'support' || support.parentId !== ctx.org.id)
      throw ServiceError.notFound('The support organization');
    const today = isoDay(this.clock());
    if (req.devicePool !== undefined) {
      const allocated = await this.orgs.allocated(support.id);
      if (req.devicePool < allocated)
        throw ServiceError.conflict(
          'POOL_EXCEEDED',
          `Its clients’ plans hold ${String(allocated)} devices: the pool cannot be smaller. Lower their plans first.`,
        );
    }
    if (req.trialEnd && req.trialEnd < (support.planStart ?? today))
      throw ServiceError.invalid('VALIDATION_FAILED', 'The trial cannot end before it started.', [
        { path: '/body/trialEnd', message: 'must not be before the trial’s start' },
      ]);
    const trial =
      req.trialEnd === undefined
        ? {}
        : req.trialEnd === null
          ? { planStart: null, planEnd: null }
          : { planStart: support.planStart ?? today, planEnd: req.trialEnd };
    const updated =
      (await this.orgs.update(support.id, {
        ...(req.devicePool !== undefined ? { devicePool: req.devicePool } : {}),
        ...trial,
      })) ?? support;
    const detail = {
      name: support.name,
      ...(req.devicePool !== undefined
        ? { devicePool: { from: support.devicePool, to: req.devicePool } }
        : {}),
      ...(req.trialEnd !== undefined ? { trialEnd: { from: support.planEnd, to: req.trialEnd } } : {}),
    };
    for (const orgId of [ctx.org.id, support.id])
      await this.audit.record(ctx.actor, {
        orgId,
        action:
          req.trialEnd === null && support.planEnd ? 'support_orgs.trial_converted' : 'support_orgs.updated',
        targetType: 'organization',
        targetId: support.id,
        detail,
      });
    for (const orgId of await applyTrial(updated, today, { orgs: this.orgs, devices: this.devices }))
      await this.devicesChanged(orgId);
    return this.get({ ...ctx, org: updated });
  }

  /** Operator: a new support organization (AV integrator) with its pool and initial owner. */
  async createSupportOrg(
    actor: Actor,
    input: {
      name: string;
      ownerEmail: string;
      devicePool: number;
      /** A self-service trial: its dates (kept as the organization's plan dates). */
      trial?: { start: string; end: string };
      owner?: {
        firstName?: string | undefined;
        lastName?: string | undefined;
        language?: string | undefined;
      };
      /** More for the platform's history (a trial's contact details). */
      detail?: Record<string, unknown>;
    },
  ): Promise<OrgRecord> {
    if ((await this.orgs.byKind('enterprise')).length > 0) {
      throw ServiceError.conflict(
        'CONFLICT',
        'This hub runs the enterprise edition: it has one organization and no support organizations.',
      );
    }
    const platform = await this.ensurePlatform();
    const org = await this.orgs.create({
      kind: 'support',
      parentId: platform.id,
      name: input.name.trim(),
      devicePool: input.devicePool,
      ...(input.trial ? { planStart: input.trial.start, planEnd: input.trial.end } : {}),
    });
    await this.audit.record(actor, {
      orgId: platform.id,
      action: input.trial ? 'support_orgs.trial_started' : 'support_orgs.created',
      targetType: 'organization',
      targetId: org.id,
      detail: {
        name: input.name,
        ownerEmail: input.ownerEmail,
        devicePool: input.devicePool,
        trial: input.trial,
        ...input.detail,
      },
    });
    await this.audit.record(actor, {
      orgId: org.id,
      action: 'org.created',
      detail: { devicePool: input.devicePool, trial: input.trial },
    });
    await this.inviter.addMember(actor, org, input.ownerEmail, 'owner', input.owner ?? {});
    return org;
  }

  /** Enterprise edition: the one organization of a self-hosted hub, with its first owner. */
  async createEnterpriseOrg(actor: Actor, input: { name: string; ownerEmail: string }): Promise<OrgRecord> {
    const existing = [...(await this.orgs.byKind('enterprise')), ...(await this.orgs.byKind('platform'))];
    if (existing.length > 0) {
      throw ServiceError.conflict(
        'CONFLICT',
        'This hub already has organizations; the enterprise edition starts on an empty hub.',
      );
    }
    // Unlicensed until a license is uploaded: the pool is what the License screen says it is.
    const org = await this.orgs.create({
      kind: 'enterprise',
      name: input.name.trim(),
      devicePool: unlicensedCapacity,
    });
    await this.audit.record(actor, {
      orgId: org.id,
      action: 'org.created',
      detail: { edition: 'enterprise' },
    });
    await this.inviter.addMember(actor, org, input.ownerEmail, 'owner', {});
    return org;
  }

  async ensurePlatform(): Promise<OrgRecord> {
    const [existing] = await this.orgs.byKind('platform');
    return existing ?? this.orgs.create({ kind: 'platform', name: 'Platform operator' });
  }

  private requireSupport(ctx: OrgContext): void {
    if (ctx.org.kind !== 'support') {
      throw ServiceError.invalid('BAD_REQUEST', 'Only a support organization has client organizations.');
    }
  }
}

/** A row of the Organizations (clients) table. */
export function clientRowOf(org: OrgRecord, servers: number, today: string, devices: number): ClientRow {
  return {
    id: org.id,
    status: clientStatus(org, devices, today),
    name: org.name,
    accountNumber: org.accountNumber ?? '',
    clientReference: org.clientReference,
    start: org.planStart ?? today,
    end: org.planEnd ?? today,
    devicesAllocated: org.planMaxDevices ?? 0,
    proAudioDevices: devices,
    servers,
  };
}

/** A plan must not end before it starts, nor take more devices than the pool has left. */
export function checkPlan(plan: ServicePlan, available: number): void {
  if (plan.end < plan.start) {
    throw ServiceError.invalid('VALIDATION_FAILED', 'The plan ends before it starts.', [
      { path: '/body/plan/end', message: 'must not be before the start date' },
    ]);
  }
  if (plan.maxDevices > available) {
    throw ServiceError.conflict(
      'POOL_EXCEEDED',
      `The plan needs ${plan.maxDevices} devices but only ${Math.max(0, available)} are left in your licensed pool.`,
    );
  }
}
