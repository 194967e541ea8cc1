import { can, type InviteUsersRequest, type Role, type UserPage, type UserRow } from '@crosspoint/protocol';
import type { CredentialRepository } from '../repositories/credential.repository.ts';
import type { OrgRecord } from '../repositories/organization.repository.ts';
import type { UserRecord, UserRepository } from '../repositories/user.repository.ts';
import type { AuditService } from './audit.service.ts';
import type { MailService } from './mail.service.ts';
import type { TokenService } from './token.service.ts';
import { mailTemplates, render } from './mail-templates.ts';
import { requirePermission, type Actor, type Clock, type OrgContext } from './context.ts';
import { decodeCursor, pageOf } from './paging.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { ServiceError } from './service-error.ts';

const invitationMs = 7 * 24 * 3_600_000;

/** What other services need to add someone to an organization (the client wizard, bootstrap). */
export interface MembershipInviter {
  hasAccount(email: string): Promise<boolean>;
  addMember(
    actor: Actor,
    org: OrgRecord,
    email: string,
    role: Role,
    names: { firstName?: string | undefined; lastName?: string | undefined; language?: string | undefined },
  ): Promise<'invited' | 'added' | 'already'>;
}

export class UserService implements MembershipInviter {
  constructor(
    private readonly users: UserRepository,
    private readonly credentials: CredentialRepository,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly publicUrl: string,
    /** The API tokens a member created go when they leave or lose the role the token holds. */
    private readonly tokens: Pick<TokenService, 'creatorChanged'>,
  ) {}

  async list(
    ctx: OrgContext,
    query: {
      search?: string | undefined;
      role?: Role | undefined;
      status?: 'Invited' | 'Registered' | undefined;
      sort?: string | undefined;
      order?: 'asc' | 'desc' | undefined;
      cursor?: string | undefined;
      limit?: number | undefined;
    },
  ): Promise<UserPage> {
    requirePermission(ctx, 'users.read');
    const limit = query.limit ?? 50;
    const { rows, total } = await this.users.listMembers(
      [ctx.org.id],
      { search: query.search, role: query.role, status: query.status },
      { sort: query.sort ?? 'name', order: query.order ?? 'asc', limit, after: decodeCursor(query.cursor) },
    );
    return {
      ...pageOf(
        rows,
        limit,
        (r) => userRow(r.user, r.membership.role, r.membership.invitedAt),
        (r) => ({ value: r.sortKey, id: r.user.id }),
      ),
      total,
    };
  }

  async invite(
    ctx: OrgContext,
    req: InviteUsersRequest,
  ): Promise<{ invited: string[]; added: string[]; alreadyMembers: string[] }> {
    requirePermission(ctx, 'users.manage');
    if (req.role === 'owner') requirePermission(ctx, 'owners.manage');
    const result = { invited: [] as string[], added: [] as string[], alreadyMembers: [] as string[] };
    const emails = [...new Set(req.emails.map((e) => e.trim().toLowerCase()))];
    for (const email of emails) {
      const outcome = await this.addMember(ctx.actor, ctx.org, email, req.role, { language: req.language });
      if (outcome === 'invited') result.invited.push(email);
      else if (outcome === 'added') result.added.push(email);
      else result.alreadyMembers.push(email);
    }
    return result;
  }

  async hasAccount(email: string): Promise<boolean> {
    return (await this.users.byEmail(email))?.registeredAt != null;
  }

  async addMember(
    actor: Actor,
    org: OrgRecord,
    email: string,
    role: Role,
    names: { firstName?: string | undefined; lastName?: string | undefined; language?: string | undefined },
  ): Promise<'invited' | 'added' | 'already'> {
    const address = email.trim().toLowerCase();
    let user =
      (await this.users.byEmail(address)) ??
      (await this.users.create({
        email: address,
        firstName: names.firstName?.trim() ?? '',
        lastName: names.lastName?.trim() ?? '',
        language: names.language ?? 'en',
      }));
    // Someone invited again before registering gets this invitation in the language chosen now.
    if (!user.registeredAt && names.language && user.language !== names.language) {
      await this.users.update(user.id, { language: names.language });
      user = { ...user, language: names.language };
    }
    if (!(await this.users.addMembership(user.id, org.id, role))) return 'already';
    const inviter = actor.label;
    if (user.registeredAt) {
      const mail = render(mailTemplates.addedToOrg, user.language, {
        organization: org.name,
        role,
        inviter,
        link: `${this.publicUrl}/sign-in`,
      });
      await this.mail.queue({ to: user.email, ...mail, kind: 'added_to_org', orgId: org.id });
    } else {
      await this.sendInvitation(user, org, role, inviter);
    }
    await this.audit.record(actor, {
      orgId: org.id,
      action: 'users.invited',
      targetType: 'user',
      targetId: user.id,
      detail: { email: user.email, role, registered: user.registeredAt !== null },
    });
    return user.registeredAt ? 'added' : 'invited';
  }

  async resendInvitation(ctx: OrgContext, userId: string): Promise<void> {
    requirePermission(ctx, 'users.manage');
    const { user, membership } = await this.member(ctx, userId);
    if (user.registeredAt) throw ServiceError.conflict('CONFLICT', `${user.email} has already registered.`);
    await this.sendInvitation(user, ctx.org, membership.role, ctx.actor.label);
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'users.invitation_resent',
      targetType: 'user',
      targetId: user.id,
    });
  }

  /** A person invited who has not registered yet, and the organization that invited them first (for the operator's CLI). */
  async pendingInvitation(email: string): Promise<{ userId: string; orgId: string } | undefined> {
    const user = await this.users.byEmail(email);
    if (!user || user.registeredAt) return undefined;
    const [first] = await this.users.memberships(user.id);
    return first ? { userId: user.id, orgId: first.orgId } : undefined;
  }

  async changeRole(ctx: OrgContext, userId: string, role: Role): Promise<UserRow> {
    requirePermission(ctx, 'users.manage');
    const { user, membership } = await this.member(ctx, userId);
    if ((role === 'owner' || membership.role === 'owner') && !can(ctx.role, 'owners.manage')) {
      throw ServiceError.forbidden('Only an Owner can make or unmake Owners.');
    }
    if (membership.role === 'owner' && role !== 'owner' && (await this.users.ownerCount(ctx.org.id)) <= 1) {
      throw ServiceError.conflict('LAST_OWNER', 'This is the last Owner: make someone else Owner first.');
    }
    await this.users.setRole(user.id, ctx.org.id, role);
    await this.tokens.creatorChanged(ctx, user.id, role);
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'users.role_changed',
      targetType: 'user',
      targetId: user.id,
      detail: { email: user.email, from: membership.role, to: role },
    });
    return userRow(user, role, membership.invitedAt);
  }

  async remove(ctx: OrgContext, userId: string): Promise<void> {
    requirePermission(ctx, 'users.manage');
    const { user, membership } = await this.member(ctx, userId);
    if (membership.role === 'owner') {
      if (!can(ctx.role, 'owners.manage')) throw ServiceError.forbidden('Only an Owner can remove an Owner.');
      if ((await this.users.ownerCount(ctx.org.id)) <= 1) {
        throw ServiceError.conflict('LAST_OWNER', 'This is the last Owner: make someone else Owner first.');
      }
    }
    await this.users.removeMembership(user.id, ctx.org.id);
    await this.tokens.creatorChanged(ctx, user.id, undefined);
    await this.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'users.removed',
      targetType: 'user',
      targetId: user.id,
      detail: { email: user.email, role: membership.role },
    });
  }

  async updateMe(
    actor: Actor,
    changes: {
      firstName?: string | undefined;
      lastName?: string | undefined;
      language?: string | undefined;
      uiSettings?: Record<string, unknown> | undefined;
    },
  ): Promise<void> {
    if (!actor.userId) throw ServiceError.forbidden('Only people have an account to change.');
    await this.users.update(actor.userId, changes);
    await this.audit.record(actor, {
      orgId: null,
      action: 'account.updated',
      detail: { fields: Object.keys(changes) },
    });
  }

  private async sendInvitation(user: UserRecord, org: OrgRecord, role: Role, inviter: string): Promise<void> {
    const token = newSecret();
    await this.credentials.createOneTimeToken({
      tokenHash: hashSecret(token),
      purpose: 'invitation',
      userId: user.id,
      orgId: org.id,
      expiresAt: new Date(this.clock().getTime() + invitationMs),
    });
    const mail = render(mailTemplates.invitation, user.language, {
      organization: org.name,
      role,
      inviter,
      link: `${this.publicUrl}/register?token=${token}`,
    });
    await this.mail.queue({ to: user.email, ...mail, kind: 'invitation', orgId: org.id });
  }

  private async member(ctx: OrgContext, userId: string) {
    const membership = await this.users.membership(userId, ctx.org.id);
    const user = membership ? await this.users.byId(userId) : undefined;
    if (!membership || !user) throw ServiceError.notFound('The user');
    return { user, membership };
  }
}

const userTypes = { local: 'Local', ldap: 'LDAP', oidc: 'OpenID' } as const;

function userRow(user: UserRecord, role: Role, invitedAt: Date): UserRow {
  const name =
    [user.firstName, user.lastName].filter(Boolean).join(' ') ||
    user.username ||
    user.email.split('@')[0] ||
    user.email;
  return {
    id: user.id,
    status: user.registeredAt ? 'Registered' : 'Invited',
    statusSince: (user.registeredAt ?? invitedAt).toISOString(),
    name,
    email: user.email,
    role,
    lastAccessedAt: user.lastAccessedAt?.toISOString() ?? null,
    twoFactor: user.totpEnabledAt !== null,
    type: userTypes[user.authSource],
  };
}
