import type { UserRepository } from '../repositories/user.repository.ts';
import type { AuditService } from './audit.service.ts';
import type { OrganizationService } from './organization.service.ts';
import type { PasswordService } from './password.service.ts';
import type { OrganizationRepository, OrgRecord } from '../repositories/organization.repository.ts';
import type { ServerService } from './server.service.ts';
import { cliActor, isoDay, type Actor, type Clock, type OrgContext } from './context.ts';
import type { LocationService } from './location.service.ts';
import type { AlertService } from './alerts/alert.service.ts';
import type { DeviceService } from './device.service.ts';
import { demoAlertRules, demoClients, roomOf, roomToken, type DemoClientSpec } from './demo-business.ts';

/** What `crosspoint demo` signs in with; printed at start. Never use these outside the demo. */
export const demoAccounts = {
  password: 'crosspoint-demo-2026',
  operator: 'operator@demo.crosspoint.test',
  owner: 'owner@demo.crosspoint.test',
  agent: { name: 'Globex HQ agent', password: 'Demo#Agent-2026' },
} as const;

/** First-run tasks of `crosspoint admin` and the demo: the platform operator account. */
export class BootstrapService {
  constructor(
    private readonly users: UserRepository,
    private readonly orgs: OrganizationRepository,
    private readonly organizations: OrganizationService,
    private readonly servers: ServerService,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    /** What the demo business needs beyond the tenants (absent: seedDemoBusiness is unavailable). */
    private readonly demo?: { locations: LocationService; alerts: AlertService; devices: DeviceService },
  ) {}

  /** Creates (or updates the password of) an Owner of the platform organization. */
  async createOperator(
    actor: Actor,
    input: { email: string; password: string; firstName?: string; lastName?: string },
  ): Promise<{ userId: string; created: boolean }> {
    const platform = await this.organizations.ensurePlatform();
    const email = input.email.trim().toLowerCase();
    const passwordHash = await this.passwords.hashAcceptable(input.password, 'user', [
      email,
      input.firstName ?? '',
      input.lastName ?? '',
    ]);
    const existing = await this.users.byEmail(email);
    const now = this.clock();
    const user = existing
      ? await this.users.update(existing.id, { passwordHash, registeredAt: existing.registeredAt ?? now })
      : await this.users.create({
          email,
          passwordHash,
          registeredAt: now,
          firstName: input.firstName ?? '',
          lastName: input.lastName ?? '',
        });
    if (!user) throw new Error('user vanished while bootstrapping');
    await this.users.addMembership(user.id, platform.id, 'owner');
    await this.audit.record(actor, {
      orgId: platform.id,
      action: 'operators.created',
      targetType: 'user',
      targetId: user.id,
      detail: { email },
    });
    return { userId: user.id, created: !existing };
  }

  /**
   * The demo's tenants, once: an operator, a support organization whose owner can sign in at once,
   * one client with a plan, and an agent server account for the demo agent. Later starts keep them.
   */
  async seedDemo(): Promise<{ created: boolean; clientId: string; agentLogin: string }> {
    const existing = (await this.orgs.byKind('client'))[0];
    const loginOf = (client: OrgRecord) => `${demoAccounts.agent.name}@${client.accountNumber ?? client.id}`;
    if (existing) return { created: false, clientId: existing.id, agentLogin: loginOf(existing) };
    await this.createOperator(cliActor, {
      email: demoAccounts.operator,
      password: demoAccounts.password,
      firstName: 'Demo',
      lastName: 'Operator',
    });
    const support = await this.organizations.createSupportOrg(cliActor, {
      name: 'Demo AV Integrators',
      ownerEmail: demoAccounts.owner,
      devicePool: 500,
    });
    const owner = await this.users.byEmail(demoAccounts.owner);
    if (!owner) throw new Error('demo owner missing');
    const passwordHash = await this.passwords.hashAcceptable(demoAccounts.password, 'user');
    await this.users.update(owner.id, {
      passwordHash,
      registeredAt: this.clock(),
      firstName: 'Dana',
      lastName: 'Owner',
    });
    const today = isoDay(this.clock());
    const ownerCtx = { actor: cliActor, org: support, role: 'owner' as const };
    const created = await this.organizations.createClient(ownerCtx, {
      name: 'Globex Corporation',
      owner: { email: demoAccounts.owner },
      clientReference: 'DEMO-001',
      plan: {
        maxDevices: 100,
        start: today,
        end: `${String(Number(today.slice(0, 4)) + 1)}${today.slice(4)}`,
      },
    });
    const client = created.client ? await this.orgs.byId(created.client.id) : undefined;
    if (!client) throw new Error('demo client missing');
    await this.servers.create(
      { actor: cliActor, org: client, role: 'owner' },
      { name: demoAccounts.agent.name, password: demoAccounts.agent.password },
    );
    await this.audit.record(cliActor, { orgId: client.id, action: 'demo.seeded' });
    return { created: true, clientId: client.id, agentLogin: loginOf(client) };
  }

  /**
   * The rest of the demo business, once (later starts keep what exists): Northwind Bank, Riverside
   * University and St. Mary's Hospital beside Globex, each with its plan (the bank's near its
   * limit), its agent's server account, its location tree and two alert rules. Call after seedDemo.
   * Returns each client's agent login, in `demoClients` order.
   */
  async seedDemoBusiness(): Promise<{ client: DemoClientSpec; clientId: string; agentLogin: string }[]> {
    const demo = this.demo;
    if (!demo) throw new Error('the demo business needs locations, alerts and devices');
    const support = (await this.orgs.byKind('support')).find((o) => o.name === 'Demo AV Integrators');
    if (!support) throw new Error('run seedDemo first');
    const supportCtx: OrgContext = { actor: cliActor, org: support, role: 'owner' };
    const today = isoDay(this.clock());
    const nextYear = `${String(Number(today.slice(0, 4)) + 1)}${today.slice(4)}`;
    const seeded = [];
    for (const spec of demoClients) {
      let client = (await this.orgs.children(support.id)).find((o) => o.name === spec.name);
      if (!client) {
        const created = await this.organizations.createClient(supportCtx, {
          name: spec.name,
          owner: { email: demoAccounts.owner },
          clientReference: spec.reference,
          plan: { maxDevices: spec.maxDevices, start: today, end: nextYear },
        });
        client = created.client ? await this.orgs.byId(created.client.id) : undefined;
        if (!client) throw new Error(`demo client ${spec.name} missing`);
      }
      const ctx: OrgContext = { actor: cliActor, org: client, role: 'owner' };
      const servers = await this.servers.list(ctx, { search: spec.agentName });
      if (!servers.items.some((s) => s.name === spec.agentName))
        await this.servers.create(ctx, { name: spec.agentName, password: demoAccounts.agent.password });
      await this.demoLocations(ctx, spec, demo.locations);
      const rules = await demo.alerts.rules(ctx);
      for (const rule of demoAlertRules)
        if (!rules.some((r) => r.name === rule.name)) await demo.alerts.createRule(ctx, rule);
      seeded.push({
        client: spec,
        clientId: client.id,
        agentLogin: `${spec.agentName}@${client.accountNumber ?? client.id}`,
      });
    }
    return seeded;
  }

  /** Region › site › building › floor › room, each made once. */
  private async demoLocations(
    ctx: OrgContext,
    spec: DemoClientSpec,
    locations: LocationService,
  ): Promise<void> {
    const existing = await locations.list(ctx);
    const ensure = async (
      name: string,
      kind: 'region' | 'site' | 'building' | 'floor' | 'room',
      parentId: string | null,
    ) => {
      const found = existing.find((l) => l.name === name && (l.parentId ?? null) === parentId);
      if (found) return found.id;
      const made = await locations.create(ctx, { name, kind, parentId });
      existing.push(made);
      return made.id;
    };
    const region = await ensure(spec.region, 'region', null);
    const site = await ensure(spec.site, 'site', region);
    const building = await ensure(spec.building, 'building', site);
    for (const floor of spec.floors) {
      const floorId = await ensure(floor.name, 'floor', building);
      for (const room of floor.rooms) await ensure(room, 'room', floorId);
    }
  }

  /**
   * Puts the demo clients' devices that have no location yet in the room their name or stack
   * names (`Boardroom-4.12-DSP1` → Boardroom 4.12). Returns how many devices are still unplaced.
   */
  async placeDemoDevices(): Promise<number> {
    const demo = this.demo;
    if (!demo) return 0;
    const support = (await this.orgs.byKind('support')).find((o) => o.name === 'Demo AV Integrators');
    if (!support) return 0;
    let unplaced = 0;
    const clients = await this.orgs.children(support.id);
    for (const spec of demoClients) {
      const client = clients.find((o) => o.name === spec.name);
      if (!client) continue;
      const ctx: OrgContext = { actor: cliActor, org: client, role: 'owner' };
      const rooms = new Map(
        (await demo.locations.list(ctx))
          .filter((l) => l.kind === 'room')
          .map((l) => [roomToken(l.name), l.id]),
      );
      const page = await demo.devices.list(ctx, { limit: 500 });
      const tokens = [...rooms.keys()];
      const byRoom = new Map<string, string[]>();
      // Devices that do not say their name (a BMA 360D reports only its serial) go round the rooms.
      let next = 0;
      for (const device of page.items.toSorted((a, b) => a.name.localeCompare(b.name))) {
        if (device.location) continue;
        const room = roomOf(device, tokens) ?? tokens[next++ % Math.max(1, tokens.length)];
        if (!room) {
          unplaced++;
          continue;
        }
        byRoom.set(room, [...(byRoom.get(room) ?? []), device.id]);
      }
      for (const [room, ids] of byRoom) {
        const locationId = rooms.get(room);
        if (locationId) await demo.devices.assignLocation(ctx, ids, locationId);
      }
    }
    return unplaced;
  }
}
