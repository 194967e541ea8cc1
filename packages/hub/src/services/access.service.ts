import { strongerRole, type OrgChoice, type Role } from '@crosspoint/protocol';
import type { OrganizationRepository, OrgRecord } from '../repositories/organization.repository.ts';
import type { UserRepository } from '../repositories/user.repository.ts';
import type { Actor, OrgContext } from './context.ts';
import { ServiceError } from './service-error.ts';

/**
 * Who may act where. A direct member acts by their role; a member of a support organization acts
 * in its client organizations by that role; a platform member acts in every support organization
 * and, through them, their clients. Anything else is "not found" — never "forbidden" — so another
 * tenant's objects cannot even be probed for existence.
 */
export class AccessService {
  constructor(
    private readonly orgs: OrganizationRepository,
    private readonly users: UserRepository,
  ) {}

  async resolve(actor: Actor, orgId: string): Promise<OrgContext> {
    const org = await this.orgs.byId(orgId);
    if (!org) throw ServiceError.notFound('The organization');
    if (actor.token) {
      if (actor.token.orgId !== orgId) throw ServiceError.notFound('The organization');
      return { actor, org, role: actor.token.role };
    }
    if (!actor.userId) throw ServiceError.notFound('The organization');
    const chain = await this.ancestry(org);
    const memberships = await this.users.memberships(actor.userId);
    let role: Role | undefined;
    for (const m of memberships) {
      if (chain.some((o) => o.id === m.orgId)) role = role ? strongerRole(role, m.role) : m.role;
    }
    if (!role) throw ServiceError.notFound('The organization');
    if (chain.some((o) => o.requireTwoFactor) && (await this.secondFactorMissing(actor.userId))) {
      throw new ServiceError(
        'TWO_FACTOR_SETUP_REQUIRED',
        `${org.name} requires two-factor sign-in: turn it on under Settings › My account first.`,
        403,
      );
    }
    return { actor, org, role };
  }

  /**
   * Whether the person must turn on two-factor sign-in before working in this organization (it or an
   * organization above it requires it). Accounts of an OpenID provider are excepted.
   */
  async twoFactorSetupRequired(userId: string, orgId: string): Promise<boolean> {
    const org = await this.orgs.byId(orgId);
    if (!org) return false;
    const chain = await this.ancestry(org);
    return chain.some((o) => o.requireTwoFactor) && (await this.secondFactorMissing(userId));
  }

  private async secondFactorMissing(userId: string): Promise<boolean> {
    const user = await this.users.byId(userId);
    return !!user && user.totpEnabledAt === null && user.authSource !== 'oidc';
  }

  /** Operators (owners and administrators of the platform or enterprise organization) read the outbox. */
  async requireOperator(actor: Actor): Promise<void> {
    if (actor.userId) {
      const memberships = await this.users.memberships(actor.userId);
      const orgs = await this.orgs.byIds(memberships.filter((m) => m.role !== 'monitor').map((m) => m.orgId));
      if (orgs.some((o) => o.kind === 'platform' || o.kind === 'enterprise')) return;
    }
    throw ServiceError.notFound('The outbox');
  }

  /** Every organization the user can act in, for "Choose Organization…". */
  async choices(userId: string): Promise<OrgChoice[]> {
    const memberships = await this.users.memberships(userId);
    const direct = await this.orgs.byIds(memberships.map((m) => m.orgId));
    const byId = new Map<string, OrgChoice>();
    const names = new Map(direct.map((o) => [o.id, o.name]));
    const add = (org: OrgRecord, role: Role, via: OrgChoice['via']) => {
      const existing = byId.get(org.id);
      if (existing && (existing.role === strongerRole(existing.role, role) || existing.via === 'member'))
        return;
      byId.set(org.id, {
        id: org.id,
        name: org.name,
        kind: org.kind,
        parentName: org.parentId ? (names.get(org.parentId) ?? null) : null,
        role,
        via,
      });
    };
    for (const org of direct) {
      const role = memberships.find((m) => m.orgId === org.id)?.role ?? 'monitor';
      add(org, role, 'member');
    }
    for (const org of direct) {
      const role = memberships.find((m) => m.orgId === org.id)?.role ?? 'monitor';
      if (org.kind !== 'platform' && org.kind !== 'support') continue;
      const children = await this.orgs.children(org.id);
      for (const child of children) {
        names.set(child.id, child.name);
        add(child, role, org.kind === 'platform' ? 'platform' : 'support');
        if (org.kind === 'platform') {
          for (const grandchild of await this.orgs.children(child.id)) add(grandchild, role, 'platform');
        }
      }
    }
    return [...byId.values()].sort(
      (a, b) => kindOrder(a.kind) - kindOrder(b.kind) || a.name.localeCompare(b.name),
    );
  }

  private async ancestry(org: OrgRecord): Promise<OrgRecord[]> {
    const chain = [org];
    let current = org;
    while (current.parentId && chain.length < 4) {
      const parent = await this.orgs.byId(current.parentId);
      if (!parent) break;
      chain.push(parent);
      current = parent;
    }
    return chain;
  }
}

const kindOrder = (k: OrgChoice['kind']): number =>
  ['platform', 'support', 'enterprise', 'client'].indexOf(k);
