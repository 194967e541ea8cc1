import { createHash } from 'node:crypto';
import {
  can,
  type OrgDirectorySettings,
  type Role,
  type TestDirectoryUserRequest,
  type TestDirectoryUserResult,
  type TestOrgDirectoryRequest,
  type TestOrgDirectoryResult,
  type UpdateOrgDirectoryRequest,
} from '@crosspoint/protocol';
import {
  DirectoryError,
  type DirectoryConnection,
  type DirectoryEntry,
  type DirectoryStep,
  type LdapDirectory,
} from '../adapters/ldap-directory.ts';
import type { Sealer } from '../adapters/sealer.ts';
import type { DirectoryRecord, DirectoryRepository } from '../repositories/directory.repository.ts';
import { DuplicateError } from '../repositories/duplicate-error.ts';
import type { OrganizationRepository } from '../repositories/organization.repository.ts';
import type { UserRecord, UserRepository } from '../repositories/user.repository.ts';
import type { AuditService } from './audit.service.ts';
import type { DirectorySignIn } from './auth.service.ts';
import { requirePermission, type Actor, type Clock, type OrgContext } from './context.ts';
import { ldapSealContext } from './sealed-secrets.ts';
import { ServiceError } from './service-error.ts';
import type { TokenService } from './token.service.ts';

export interface DirectoryServiceDeps {
  repo: DirectoryRepository;
  users: UserRepository;
  orgs: OrganizationRepository;
  ldap: LdapDirectory;
  sealer: Sealer;
  audit: AuditService;
  tokens: TokenService;
  clock: Clock;
  onError?: (e: unknown) => void;
}

const stepLabels: Record<DirectoryStep, string> = {
  connect: 'Connecting',
  tls: 'TLS',
  bind: 'Service account',
  search: 'Search',
  user_bind: 'Password',
  groups: 'Groups',
};

/** A login written for a directory: `DOMAIN\name` or `name@domain`. */
export function parseDirectoryLogin(
  login: string,
): { domain: string; name: string; typed: string } | undefined {
  const typed = login.trim();
  const backslash = /^([^\\@\s]+)\\([^\\\s]+)$/.exec(typed);
  if (backslash?.[1] && backslash[2])
    return { domain: backslash[1].toLowerCase(), name: backslash[2], typed };
  const at = typed.lastIndexOf('@');
  if (at > 0 && at < typed.length - 1 && !typed.includes('\\'))
    return { domain: typed.slice(at + 1).toLowerCase(), name: typed.slice(0, at), typed };
  return undefined;
}

/** What to look for in the login attribute: attributes holding addresses (mail, UPN) get name@domain. */
function searchValue(dir: Pick<DirectoryRecord, 'loginAttribute' | 'domain'>, login: string): string {
  const parsed = parseDirectoryLogin(login);
  const addressLike = /^(mail|userPrincipalName)$/i.test(dir.loginAttribute);
  if (!parsed || parsed.domain !== dir.domain) return login.trim();
  if (!addressLike) return parsed.name;
  return parsed.typed.includes('@') ? parsed.typed : `${parsed.name}@${parsed.domain}`;
}

/** DNs compared as directories do, near enough: case and spaces around separators do not count. */
const normalDn = (dn: string) =>
  dn
    .trim()
    .toLowerCase()
    .replace(/\s*([,=+])\s*/g, '$1');

const roleRank: Record<Role, number> = { monitor: 1, administrator: 2, owner: 3 };

/** The highest role the groups map to, or null. */
export function roleFromGroups(groupRoles: DirectoryRecord['groupRoles'], groups: string[]): Role | null {
  const mine = new Set(groups.map(normalDn));
  let best: Role | null = null;
  for (const { group, role } of groupRoles)
    if (mine.has(normalDn(group)) && (!best || roleRank[role] > roleRank[best])) best = role;
  return best;
}

/**
 * Settings › Sign-in › Directory: an organization's LDAP / Active Directory, its tests, and sign-in
 * through it (the DirectorySignIn AuthService asks first). The bind password is sealed and never
 * shown again; a change of URL or bind DN needs it again, so a stored password is never sent to
 * a server other than the one it was given for.
 */
export class DirectoryService implements DirectorySignIn {
  constructor(private readonly d: DirectoryServiceDeps) {}

  async get(ctx: OrgContext): Promise<OrgDirectorySettings> {
    requirePermission(ctx, 'users.manage');
    const dir = await this.d.repo.get(ctx.org.id);
    return { directory: dir ? view(dir) : null };
  }

  async update(ctx: OrgContext, req: UpdateOrgDirectoryRequest): Promise<OrgDirectorySettings> {
    requirePermission(ctx, 'users.manage');
    const before = await this.d.repo.get(ctx.org.id);
    this.mayMapOwners(ctx, before, req);
    const settings = this.checked(req, before);
    const bindPassword =
      req.bindPassword !== undefined
        ? this.d.sealer.seal(req.bindPassword, ldapSealContext(ctx.org.id))
        : this.keptPassword(before, settings).sealed;
    let saved: DirectoryRecord;
    try {
      saved = await this.d.repo.save({
        orgId: ctx.org.id,
        ...settings,
        bindPassword,
        updatedBy: ctx.actor.userId,
        updatedAt: this.d.clock(),
      });
    } catch (e) {
      if (e instanceof DuplicateError)
        throw ServiceError.conflict(
          'CONFLICT',
          `The sign-in domain ${settings.domain} is already used on this hub.`,
        );
      throw e;
    }
    await this.d.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: before ? 'directory.updated' : 'directory.created',
      targetType: 'organization',
      targetId: ctx.org.id,
      detail: { ...auditView(saved), passwordChanged: req.bindPassword !== undefined },
    });
    return { directory: view(saved) };
  }

  async remove(ctx: OrgContext): Promise<OrgDirectorySettings> {
    requirePermission(ctx, 'users.manage');
    const before = await this.d.repo.get(ctx.org.id);
    if (before) {
      this.mayMapOwners(ctx, before, undefined);
      await this.d.repo.remove(ctx.org.id);
      await this.d.audit.record(ctx.actor, {
        orgId: ctx.org.id,
        action: 'directory.removed',
        targetType: 'organization',
        targetId: ctx.org.id,
        detail: { domain: before.domain, url: before.url },
      });
    }
    return { directory: null };
  }

  /** Test connection, with the settings as in the form (saved or not). */
  async testConnection(ctx: OrgContext, req: TestOrgDirectoryRequest): Promise<TestOrgDirectoryResult> {
    requirePermission(ctx, 'users.manage');
    const before = await this.d.repo.get(ctx.org.id);
    const settings = this.checked(req, before);
    const password = req.bindPassword ?? this.keptPassword(before, settings).open(this.d.sealer, ctx.org.id);
    const connection = { ...settings, bindPassword: password };
    try {
      const result = await this.d.ldap.testConnection(connection);
      await this.tested(ctx, 'directory.tested', { url: settings.url, ok: true, people: result.people });
      return result;
    } catch (e) {
      throw await this.testFailed(ctx, 'directory.tested', { url: settings.url }, e);
    }
  }

  /** Test a user, with the saved settings: who the login is, their groups and role, and the password. */
  async testUser(ctx: OrgContext, req: TestDirectoryUserRequest): Promise<TestDirectoryUserResult> {
    requirePermission(ctx, 'users.manage');
    const dir = await this.d.repo.get(ctx.org.id);
    if (!dir) throw ServiceError.invalid('VALIDATION_FAILED', 'Save the directory settings first.');
    const value = searchValue(dir, req.login);
    const detail = { login: req.login, withPassword: req.password !== undefined };
    try {
      const connection = this.connection(dir);
      let entry: DirectoryEntry | undefined;
      let passwordChecked = false;
      if (req.password === undefined) entry = await this.d.ldap.findUser(connection, value);
      else {
        const auth = await this.d.ldap.authenticate(connection, value, req.password);
        if (auth.outcome === 'wrong_password')
          throw new DirectoryError('user_bind', `The directory refused this password for ${auth.entry.dn}.`);
        if (auth.outcome === 'refused')
          throw new DirectoryError('user_bind', `The directory refused ${auth.entry.dn}: ${auth.reason}.`);
        if (auth.outcome === 'ok') {
          entry = auth.entry;
          passwordChecked = true;
        }
      }
      if (!entry)
        throw new DirectoryError(
          'search',
          `No entry under ${dir.userBase} has ${dir.loginAttribute}=${value}${dir.userFilter ? ` and matches ${dir.userFilter}` : ''}.`,
        );
      const role = roleFromGroups(dir.groupRoles, entry.groups);
      await this.tested(ctx, 'directory.user_tested', { ...detail, ok: true, dn: entry.dn, role });
      return {
        dn: entry.dn,
        email: entry.mail,
        name: displayName(entry),
        groups: entry.groups,
        role,
        disabled: entry.disabled,
        passwordChecked,
      };
    } catch (e) {
      throw await this.testFailed(ctx, 'directory.user_tested', detail, e);
    }
  }

  /** DirectorySignIn: see AuthService. */
  async signIn(login: string, password: string): Promise<{ user: UserRecord | undefined } | undefined> {
    const parsed = parseDirectoryLogin(login);
    if (!parsed) return undefined;
    const dir = await this.d.repo.byDomain(parsed.domain);
    if (!dir?.enabled) return undefined;
    // A local account whose email (or username) is exactly this login keeps its local password: its
    // password never goes to a directory, whoever set one up for that domain.
    if ((await this.d.users.byLogin(login))?.authSource === 'local') return undefined;
    const orgId = dir.orgId;
    const value = searchValue(dir, login);
    let auth;
    try {
      auth = await this.d.ldap.authenticate(this.connection(dir), value, password);
    } catch (e) {
      const reason = e instanceof DirectoryError ? `${stepLabels[e.step]}: ${e.message}` : String(e);
      if (!(e instanceof DirectoryError)) this.d.onError?.(e);
      await this.d.audit.record(hubActor, {
        orgId,
        action: 'directory.sign_in_failed',
        detail: { login: parsed.typed, reason },
      });
      throw new ServiceError(
        'DIRECTORY_UNAVAILABLE',
        'Your organization’s directory could not be reached to check your password. Try again later, or tell your administrator.',
        503,
      );
    }
    if (auth.outcome === 'not_found') return undefined;
    const externalId = `ldap:${orgId}:${auth.entry.uniqueId}`;
    const existing = await this.d.repo.userByExternalId(externalId);
    if (auth.outcome === 'wrong_password') return { user: undefined };
    if (auth.outcome === 'refused' || auth.entry.disabled) {
      const reason = auth.outcome === 'refused' ? auth.reason : 'the account is disabled';
      await this.refuse(orgId, existing, parsed.typed, reason);
    }
    const role = roleFromGroups(dir.groupRoles, auth.entry.groups);
    if (!role) {
      const kept = existing ? await this.dropMembership(orgId, existing) : false;
      await this.refuse(orgId, existing, parsed.typed, 'no group of theirs gives a role here', kept);
    }
    const user = await this.upsertUser(dir, externalId, auth.entry, existing);
    const { from, to } = await this.applyRole(orgId, user, role as Role);
    await this.d.audit.record(actorOf(user), {
      orgId,
      action: 'directory.signed_in',
      targetType: 'user',
      targetId: user.id,
      detail: { login: parsed.typed, dn: auth.entry.dn, created: !existing, roleFrom: from, role: to },
    });
    return { user };
  }

  private async refuse(
    orgId: string,
    user: UserRecord | undefined,
    login: string,
    reason: string,
    keptAsLastOwner = false,
  ): Promise<never> {
    await this.d.audit.record(user ? actorOf(user) : hubActor, {
      orgId,
      action: 'directory.sign_in_refused',
      ...(user ? { targetType: 'user', targetId: user.id } : {}),
      detail: { login, reason, ...(keptAsLastOwner ? { keptAsLastOwner } : {}) },
    });
    throw new ServiceError(
      'DIRECTORY_REFUSED',
      `Your organization’s directory does not let you sign in here: ${reason}. Ask your administrator.`,
      403,
    );
  }

  /** Removes the membership the directory no longer backs; the last Owner stays (answers true then). */
  private async dropMembership(orgId: string, user: UserRecord): Promise<boolean> {
    const membership = await this.d.users.membership(user.id, orgId);
    if (!membership) return false;
    if (membership.role === 'owner' && (await this.d.users.ownerCount(orgId)) <= 1) return true;
    await this.d.users.removeMembership(user.id, orgId);
    await this.tokensFollow(orgId, user, undefined);
    await this.d.audit.record(hubActor, {
      orgId,
      action: 'users.removed',
      targetType: 'user',
      targetId: user.id,
      detail: { email: user.email, role: membership.role, by: 'directory' },
    });
    return false;
  }

  /** Sets the membership to the directory's role; the last Owner is never demoted (LAST_OWNER). */
  private async applyRole(
    orgId: string,
    user: UserRecord,
    role: Role,
  ): Promise<{ from: Role | null; to: Role }> {
    const membership = await this.d.users.membership(user.id, orgId);
    if (!membership) {
      await this.d.users.addMembership(user.id, orgId, role);
      return { from: null, to: role };
    }
    if (membership.role === role) return { from: role, to: role };
    if (membership.role === 'owner' && (await this.d.users.ownerCount(orgId)) <= 1)
      return { from: 'owner', to: 'owner' };
    await this.d.users.setRole(user.id, orgId, role);
    if (roleRank[role] < roleRank[membership.role]) await this.tokensFollow(orgId, user, role);
    await this.d.audit.record(hubActor, {
      orgId,
      action: 'users.role_changed',
      targetType: 'user',
      targetId: user.id,
      detail: { email: user.email, from: membership.role, to: role, by: 'directory' },
    });
    return { from: membership.role, to: role };
  }

  /** API tokens the person made stop at their new role (or end with the membership). */
  private async tokensFollow(orgId: string, user: UserRecord, role: Role | undefined): Promise<void> {
    const org = await this.d.orgs.byId(orgId);
    if (org) await this.d.tokens.creatorChanged({ actor: hubActor, org, role: 'owner' }, user.id, role);
  }

  private async upsertUser(
    dir: DirectoryRecord,
    externalId: string,
    entry: DirectoryEntry,
    existing: UserRecord | undefined,
  ): Promise<UserRecord> {
    const names = {
      firstName: (entry.givenName ?? '').slice(0, 200),
      lastName: (entry.sn ?? (entry.givenName ? '' : displayName(entry))).slice(0, 200),
    };
    const wanted = entry.mail?.trim().toLowerCase() || null;
    const free = async (email: string) => {
      const holder = await this.d.users.byEmail(email);
      return !holder || holder.id === existing?.id;
    };
    const email =
      wanted && wanted.length <= 254 && (await free(wanted)) ? wanted : placeholderEmail(dir, externalId);
    if (existing) {
      const keepEmail =
        email.endsWith('.invalid') && !existing.email.endsWith('.invalid') ? existing.email : email;
      const changed =
        existing.firstName !== names.firstName ||
        existing.lastName !== names.lastName ||
        existing.email !== keepEmail;
      if (!changed) return existing;
      return (await this.d.users.update(existing.id, { ...names, email: keepEmail })) ?? existing;
    }
    try {
      return await this.d.users.create({
        email,
        ...names,
        passwordHash: null,
        authSource: 'ldap',
        externalId,
        registeredAt: this.d.clock(),
      });
    } catch (e) {
      // Two first sign-ins at once: the other one created the account.
      const other = await this.d.repo.userByExternalId(externalId);
      if (other) return other;
      throw e;
    }
  }

  private connection(dir: DirectoryRecord): DirectoryConnection {
    return { ...dir, bindPassword: this.d.sealer.open(dir.bindPassword, ldapSealContext(dir.orgId)) };
  }

  /**
   * The settings of a request as stored (domain lower-case, URL without a trailing slash; no CA
   * given: the stored one).
   */
  private checked(req: UpdateOrgDirectoryRequest, before: DirectoryRecord | undefined) {
    const details: { path: string; message: string }[] = [];
    const url = req.url.trim().replace(/\/$/, '');
    const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
    try {
      new URL(url);
    } catch {
      details.push({ path: '/body/url', message: 'is not a valid URL' });
    }
    if (scheme === 'ldaps' && req.startTls)
      details.push({ path: '/body/startTls', message: 'is for ldap:// URLs; ldaps:// is encrypted already' });
    const ca = req.caCertificate?.trim() || null;
    if (ca && !ca.includes('-----BEGIN CERTIFICATE-----'))
      details.push({
        path: '/body/caCertificate',
        message: 'must be a PEM certificate (-----BEGIN CERTIFICATE-----)',
      });
    if (details.length)
      throw ServiceError.invalid('VALIDATION_FAILED', 'Some directory settings are not valid.', details);
    return {
      enabled: req.enabled,
      domain: req.domain.toLowerCase(),
      url: `${scheme}${url.slice(scheme.length)}`,
      startTls: req.startTls,
      verifyCertificate: req.verifyCertificate,
      caCertificate: req.caCertificate === undefined ? (before?.caCertificate ?? null) : ca,
      bindDn: req.bindDn.trim(),
      userBase: req.userBase.trim(),
      userFilter: req.userFilter.trim(),
      loginAttribute: req.loginAttribute,
      groupAttribute: req.groupAttribute,
      groupRoles: req.groupRoles.map((g) => ({ group: g.group.trim(), role: g.role })),
    };
  }

  /**
   * The stored bind password, usable only with the server and the protection it was given for: a new
   * URL, bind DN or CA, or a weaker connection (StartTLS or the certificate check turned off), needs
   * it typed again, so an administrator cannot send it anywhere else.
   */
  private keptPassword(
    before: DirectoryRecord | undefined,
    next: Pick<DirectoryRecord, 'url' | 'bindDn' | 'startTls' | 'verifyCertificate' | 'caCertificate'>,
  ): { sealed: string; open: (sealer: Sealer, orgId: string) => string } {
    const same =
      before &&
      before.url.toLowerCase() === next.url.toLowerCase() &&
      before.bindDn === next.bindDn &&
      before.caCertificate === next.caCertificate &&
      (next.startTls || !before.startTls) &&
      (next.verifyCertificate || !before.verifyCertificate);
    if (!same)
      throw ServiceError.invalid(
        'VALIDATION_FAILED',
        'Enter the bind password: a new server, bind DN or CA, or a connection with less protection, needs it again.',
        [{ path: '/body/bindPassword', message: 'is required with these changes' }],
      );
    return {
      sealed: before.bindPassword,
      open: (sealer, orgId) => sealer.open(before.bindPassword, ldapSealContext(orgId)),
    };
  }

  /** Only Owners may set up (or change) a directory that makes Owners. */
  private mayMapOwners(
    ctx: OrgContext,
    before: DirectoryRecord | undefined,
    req: UpdateOrgDirectoryRequest | undefined,
  ): void {
    const owners = [...(before?.groupRoles ?? []), ...(req?.groupRoles ?? [])].some(
      (g) => g.role === 'owner',
    );
    if (owners && !can(ctx.role, 'owners.manage'))
      throw ServiceError.forbidden('Only an Owner can change a directory whose groups make Owners.');
  }

  private async tested(ctx: OrgContext, action: string, detail: Record<string, unknown>): Promise<void> {
    await this.d.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action,
      targetType: 'organization',
      targetId: ctx.org.id,
      detail,
    });
  }

  private async testFailed(
    ctx: OrgContext,
    action: string,
    detail: Record<string, unknown>,
    e: unknown,
  ): Promise<unknown> {
    if (!(e instanceof DirectoryError)) return e;
    await this.tested(ctx, action, { ...detail, ok: false, step: e.step, error: e.message });
    return new ServiceError('DIRECTORY_TEST_FAILED', `${stepLabels[e.step]}: ${e.message}`, 422, [
      { path: `/step/${e.step}`, message: e.message },
    ]);
  }
}

const hubActor: Actor = { userId: null, label: 'directory sign-in', ip: null };
const actorOf = (user: UserRecord): Actor => ({ userId: user.id, label: user.email, ip: null });

const displayName = (e: DirectoryEntry): string =>
  e.displayName ?? ([e.givenName, e.sn].filter(Boolean).join(' ') || e.dn);

/** An address for an entry without mail (or whose mail another account has): stable, never deliverable. */
const placeholderEmail = (dir: DirectoryRecord, externalId: string): string =>
  `ldap-${createHash('sha256').update(externalId).digest('hex').slice(0, 16)}@${dir.domain.replace(/[^a-z0-9.-]/g, '')}.invalid`;

function view(dir: DirectoryRecord) {
  const { orgId: _o, bindPassword: _b, updatedBy: _u, updatedAt, ...settings } = dir;
  return { ...settings, passwordSet: true as const, updatedAt: updatedAt.toISOString() };
}

function auditView(dir: DirectoryRecord) {
  const { caCertificate, passwordSet: _p, updatedAt: _u, ...rest } = view(dir);
  return { ...rest, caCertificate: caCertificate !== null };
}
