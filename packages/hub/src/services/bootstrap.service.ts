import type { UserRepository } from '../repositories/user.repository.ts';
import type { AuditService } from './audit.service.ts';
import type { OrganizationService } from './organization.service.ts';
import type { PasswordService } from './password.service.ts';
import type { OrganizationRepository, OrgRecord } from '../repositories/organization.repository.ts';
import type { ServerService } from './server.service.ts';
import { cliActor, isoDay, type Actor, type Clock } from './context.ts';

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
}
