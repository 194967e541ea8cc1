import {
  compareVersions,
  type CreateServerRequest,
  type ServerPage,
  type ServerRow,
  type UpdateServerRequest,
} from '@crosspoint/protocol';
import type { AgentAccountRecord, AgentAccountRepository } from '../repositories/agent-account.repository.ts';
import type { LocationRepository } from '../repositories/location.repository.ts';
import type { AuditService } from './audit.service.ts';
import type { PasswordService } from './password.service.ts';
import { requirePermission, type Clock, type OrgContext } from './context.ts';
import { decodeCursor, pageOf } from './paging.ts';
import { ServiceError } from './service-error.ts';
import { scopeOf } from './rollups.ts';

/** Agent server accounts: the credentials an on-site agent connects with, and what it reports. */
export class ServerService {
  constructor(
    private readonly accounts: AgentAccountRepository,
    private readonly locations: LocationRepository,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    /** The version of the agent build the hub offers (for "Update available"), or null. */
    private readonly latestAgentVersion: () => Promise<string | null> = () => Promise.resolve(null),
    /**
     * Asks the hub holding the agent's link to send it "update now" (through the bus); resolves
     * false when no hub holds it.
     */
    private readonly askAgentToUpdate: (serverId: string) => Promise<boolean> = () => Promise.resolve(false),
  ) {}

  async list(
    ctx: OrgContext,
    query: {
      search?: string | undefined;
      status?: string | undefined;
      organizationId?: string | undefined;
      sort?: string | undefined;
      order?: 'asc' | 'desc' | undefined;
      cursor?: string | undefined;
      limit?: number | undefined;
    },
  ): Promise<ServerPage> {
    requirePermission(ctx, 'servers.read');
    const limit = query.limit ?? 50;
    const { rows, total } = await this.accounts.list(
      scopeOf(ctx.org, query.organizationId),
      { search: query.search, status: query.status },
      { sort: query.sort ?? 'name', order: query.order ?? 'asc', limit, after: decodeCursor(query.cursor) },
    );
    const latest = await this.latestAgentVersion();
    return {
      ...pageOf(
        rows,
        limit,
        (r) => serverRow(r, r.locationName, { id: r.orgId, name: r.orgName, code: r.orgCode }, latest),
        (r) => ({ value: r.sortKey, id: r.id }),
      ),
      total,
    };
  }

  async create(ctx: OrgContext, req: CreateServerRequest): Promise<ServerRow> {
    requirePermission(ctx, 'servers.manage');
    const name = req.name.trim();
    if (await this.accounts.byName(ctx.org.id, name)) {
      throw ServiceError.conflict(
        'NAME_TAKEN',
        `There is already a server account named ${name} in ${ctx.org.name}.`,
      );
    }
    const location = req.locationId ? await this.locations.byId(ctx.org.id, req.locationId) : undefined;
    if (req.locationId && !location) throw ServiceError.notFound('The location');
    const passwordHash = await this.passwords.hashAcceptable(req.password, 'agent', [name, ctx.org.name]);
    const created = await this.accounts.create({
      orgId: ctx.org.id,
      name,
      passwordHash,
      locationId: location?.id ?? null,
    });
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'servers.created',
      targetType: 'server',
      targetId: created.id,
      detail: { name },
    });
    return serverRow(created, location?.name ?? null, orgOf(ctx), await this.latestAgentVersion());
  }

  async update(ctx: OrgContext, id: string, req: UpdateServerRequest): Promise<ServerRow> {
    requirePermission(ctx, 'servers.manage');
    const current = await this.mustGet(ctx, id);
    if (req.name !== undefined && req.name.trim().toLowerCase() !== current.name.toLowerCase()) {
      if (await this.accounts.byName(ctx.org.id, req.name.trim())) {
        throw ServiceError.conflict(
          'NAME_TAKEN',
          `There is already a server account named ${req.name.trim()}.`,
        );
      }
    }
    const location = req.locationId ? await this.locations.byId(ctx.org.id, req.locationId) : undefined;
    if (req.locationId && !location) throw ServiceError.notFound('The location');
    const updated = await this.accounts.update(ctx.org.id, id, {
      ...(req.name !== undefined ? { name: req.name.trim() } : {}),
      ...(req.disabled !== undefined ? { disabled: req.disabled } : {}),
      ...(req.locationId !== undefined ? { locationId: req.locationId } : {}),
    });
    if (!updated) throw ServiceError.notFound('The server');
    const action =
      req.disabled === true
        ? 'servers.disabled'
        : req.disabled === false
          ? 'servers.enabled'
          : 'servers.updated';
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action,
      targetType: 'server',
      targetId: id,
      detail: { ...req },
    });
    const locationName = updated.locationId
      ? ((await this.locations.byId(ctx.org.id, updated.locationId))?.name ?? null)
      : null;
    return serverRow(updated, locationName, orgOf(ctx), await this.latestAgentVersion());
  }

  async rotatePassword(ctx: OrgContext, id: string, password: string): Promise<void> {
    requirePermission(ctx, 'servers.manage');
    const current = await this.mustGet(ctx, id);
    const passwordHash = await this.passwords.hashAcceptable(password, 'agent', [current.name, ctx.org.name]);
    await this.accounts.update(ctx.org.id, id, { passwordHash, passwordChangedAt: this.clock() });
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'servers.password_rotated',
      targetType: 'server',
      targetId: id,
      detail: { name: current.name },
    });
  }

  /**
   * The Update button: the connected agent installs the build this hub offers now (docs/agent-install.md
   * § Self-update). Refused with AGENT_UPDATE_UNAVAILABLE and the reason when it cannot.
   */
  async requestAgentUpdate(ctx: OrgContext, id: string): Promise<void> {
    requirePermission(ctx, 'servers.manage');
    const current = await this.mustGet(ctx, id);
    const unavailable = (why: string) =>
      new ServiceError('AGENT_UPDATE_UNAVAILABLE', `${current.name}: ${why}`, 409);
    if (current.disabled || current.connectedAt === null)
      throw unavailable('its agent is not connected to the hub.');
    const latest = await this.latestAgentVersion();
    if (latest === null)
      throw unavailable('this hub offers no agent build (run `npm run build:agent` where the hub runs).');
    if (current.agentVersion !== null && compareVersions(latest, current.agentVersion) <= 0)
      throw unavailable(`its agent already runs ${current.agentVersion}, the build this hub offers.`);
    const update = current.health?.update;
    if (!update)
      throw unavailable(
        `its agent (${current.agentVersion ?? 'unknown version'}) cannot update itself: install the new build from Downloads.`,
      );
    if (!update.able) throw unavailable(update.reason ?? 'its agent cannot update itself here.');
    if (!(await this.askAgentToUpdate(id))) throw unavailable('its agent is not connected to the hub.');
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'servers.agent_update_requested',
      targetType: 'server',
      targetId: id,
      detail: { name: current.name, from: current.agentVersion, to: latest },
    });
  }

  /** Deletes the account. Its devices are kept, unassigned (server_id set null by the database). */
  async delete(ctx: OrgContext, id: string): Promise<void> {
    requirePermission(ctx, 'servers.manage');
    const current = await this.mustGet(ctx, id);
    await this.accounts.delete(ctx.org.id, id);
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'servers.deleted',
      targetType: 'server',
      targetId: id,
      detail: { name: current.name, devices: current.deviceCount },
    });
  }

  private async mustGet(ctx: OrgContext, id: string): Promise<AgentAccountRecord> {
    const found = await this.accounts.byId(ctx.org.id, id);
    if (!found) throw ServiceError.notFound('The server');
    return found;
  }
}

/** A server's organization, with the code its agent login ends in: the account number, or the id of orgs without one. */
const orgOf = (ctx: OrgContext) => ({
  id: ctx.org.id,
  name: ctx.org.name,
  code: ctx.org.accountNumber ?? ctx.org.id,
});

/**
 * Monitoring as the Servers screen shows it: Off unless the agent is connected; Issue while it
 * reports an issue (or says so itself); Active otherwise.
 */
function monitoringOf(a: AgentAccountRecord, connected: boolean): ServerRow['monitoring'] {
  if (!connected || a.monitoring === 'off') return 'Off';
  return a.monitoring === 'issue' || (a.health?.issues.length ?? 0) > 0 ? 'Issue' : 'Active';
}

function serverRow(
  a: AgentAccountRecord,
  locationName: string | null,
  org: { id: string; name: string; code: string },
  latestAgentVersion: string | null,
): ServerRow {
  const connected = !a.disabled && a.connectedAt !== null;
  const health = connected ? a.health : null;
  return {
    id: a.id,
    organization: { id: org.id, name: org.name },
    name: a.name,
    login: `${a.name}@${org.code}`,
    status: a.disabled ? 'Disabled' : a.connectedAt ? 'Connected' : 'Disconnected',
    monitoring: monitoringOf(a, connected),
    deviceCount: a.deviceCount,
    agentVersion: a.agentVersion,
    updateAvailable:
      a.agentVersion !== null &&
      latestAgentVersion !== null &&
      compareVersions(latestAgentVersion, a.agentVersion) > 0,
    latestAgentVersion,
    subnets: { enabled: a.subnetsEnabled, total: a.subnetsTotal },
    issues: health?.issues ?? [],
    health: health
      ? {
          cpuPercent: health.cpuPercent,
          memoryMb: health.memoryMb,
          backlog: health.backlog,
          uplinkRttMs: health.uplinkRttMs ?? null,
          connectedSince: a.connectedAt?.toISOString() ?? null,
          reportedAt: health.reportedAt,
        }
      : null,
    update: health?.update
      ? {
          mode: health.update.mode,
          able: health.update.able,
          reason: health.update.reason ?? null,
          last: health.update.last
            ? {
                step: health.update.last.step,
                from: health.update.last.from,
                to: health.update.last.to,
                at: new Date(health.update.last.at).toISOString(),
                reason: health.update.last.reason ?? null,
              }
            : null,
        }
      : null,
    location: a.locationId && locationName ? { id: a.locationId, name: locationName } : null,
    lastSeenAt: a.lastSeenAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
  };
}
