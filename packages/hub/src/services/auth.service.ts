import {
  currentTerms,
  rolePermissions,
  type OrgChoice,
  type Role,
  type SecondFactorChallenge,
  type SessionInfo,
} from '@crosspoint/protocol';
import type { CredentialRepository, SessionRecord } from '../repositories/credential.repository.ts';
import type { OrganizationRepository } from '../repositories/organization.repository.ts';
import type { UserRecord, UserRepository } from '../repositories/user.repository.ts';
import type { AccessService } from './access.service.ts';
import type { AuditService } from './audit.service.ts';
import type { MailService } from './mail.service.ts';
import type { PasswordService } from './password.service.ts';
import { mailTemplates, render } from './mail-templates.ts';
import type { Actor, Clock } from './context.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { ServiceError } from './service-error.ts';

/** Failed sign-ins: how many, within what window, lock for how long. */
export interface ThrottlePolicy {
  windowMs: number;
  lockMs: number;
  /** One account from one address. */
  perAccountAddress: number;
  /** One account from addresses it never signed in from (a known address is not locked out by others). */
  perAccount: number;
  /** One address across all accounts (password spraying). */
  perAddress: number;
}

export const defaultThrottle: ThrottlePolicy = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  perAccountAddress: 5,
  perAccount: 10,
  perAddress: 100,
};

const sessionHours = 12;
const staySignedInDays = 30;
const resetLinkMs = 60 * 60_000;

export interface SignedIn {
  sessionToken: string;
  expiresAt: Date;
  /** The cookie outlives the browser (until `expiresAt`). */
  staySignedIn: boolean;
  info: SessionInfo;
}

export interface AuthServiceDeps {
  users: UserRepository;
  orgs: OrganizationRepository;
  credentials: CredentialRepository;
  access: AccessService;
  passwords: PasswordService;
  mail: MailService;
  audit: AuditService;
  clock: Clock;
  publicUrl: string;
  throttle?: ThrottlePolicy;
  /** Asks for the second factor of accounts that have one. */
  secondFactor?: SecondFactorGate;
  /** An organization's LDAP directory, for logins written `DOMAIN\\name` or `name@domain`. */
  directory?: DirectorySignIn;
  /** The number waiting for its texted code, if any. */
  smsPending: (userId: string) => Promise<{ number: string; expiresAt: string } | null>;
}

/**
 * Checks a login against a directory (LDAP / Active Directory). Answers undefined when the login is
 * not one of a directory's (no sign-in domain matches): the local password is checked then. Otherwise
 * the directory decides: `user` is the account (created or updated from the directory) when the
 * password is right, undefined when it is not. Throws a ServiceError with a stable code when the
 * directory refuses for another reason (account disabled, no group that gives a role, unreachable).
 */
export interface DirectorySignIn {
  signIn(login: string, password: string): Promise<{ user: UserRecord | undefined } | undefined>;
}

/** The second step of a sign-in (TwoFactorService). */
export interface SecondFactorGate {
  needed(user: UserRecord): boolean;
  begin(user: UserRecord, staySignedIn: boolean): Promise<SecondFactorChallenge>;
  finish(challenge: string, code: string): Promise<{ user: UserRecord; staySignedIn: boolean; how: string }>;
}

/** Sign-in, sessions, terms, invitations and password resets. */
export class AuthService {
  private readonly throttle: ThrottlePolicy;

  constructor(private readonly d: AuthServiceDeps) {
    this.throttle = d.throttle ?? defaultThrottle;
  }

  async signIn(
    login: string,
    password: string,
    staySignedIn: boolean,
    ip: string,
    userAgent: string | null,
  ): Promise<SignedIn | SecondFactorChallenge> {
    const now = this.d.clock();
    const user = await this.d.users.byLogin(login);
    const accountKey = user ? `acct:${user.id}` : `login:${login.trim().toLowerCase()}`;
    const known = user ? await this.d.credentials.isKnownAddress(user.id, ip) : false;
    const keys = { address: `ip:${ip}`, accountAddress: `${accountKey}|ip:${ip}`, account: accountKey };
    const watched = [keys.address, keys.accountAddress, ...(known ? [] : [keys.account])];
    const locks = await this.d.credentials.throttle(watched);
    const lockedUntil = locks.map((l) => l.lockedUntil).find((t): t is Date => t !== null && t > now);
    if (lockedUntil) throw this.locked(lockedUntil, now);

    const checked = await this.checkPassword(user, login, password);
    if (!checked) {
      const t = this.throttle;
      const results = await Promise.all([
        this.d.credentials.recordFailure(keys.address, now, t.windowMs, t.perAddress, t.lockMs),
        this.d.credentials.recordFailure(keys.accountAddress, now, t.windowMs, t.perAccountAddress, t.lockMs),
        known
          ? undefined
          : this.d.credentials.recordFailure(keys.account, now, t.windowMs, t.perAccount, t.lockMs),
      ]);
      const nowLocked = results
        .map((r) => r?.lockedUntil)
        .find((t): t is Date => t !== null && t !== undefined && t > now);
      await this.auditFailure(user, login, ip, nowLocked);
      if (nowLocked) throw this.locked(nowLocked, now);
      throw new ServiceError(
        'INVALID_CREDENTIALS',
        'The username, email address or password is not correct.',
        401,
      );
    }
    await this.d.credentials.clearThrottle(keys.accountAddress);
    await this.d.credentials.rememberAddress(checked.id, ip, now);
    if (this.d.secondFactor?.needed(checked)) {
      await this.d.audit.record(
        { userId: checked.id, label: checked.email, ip },
        { orgId: null, action: 'auth.second_factor_asked' },
      );
      return this.d.secondFactor.begin(checked, staySignedIn);
    }
    return this.openSession(checked, staySignedIn, ip, userAgent);
  }

  /** The second step of a sign-in: the code of the authenticator app, or a recovery code. */
  async signInSecondFactor(
    challenge: string,
    code: string,
    ip: string,
    userAgent: string | null,
  ): Promise<SignedIn> {
    if (!this.d.secondFactor) throw new ServiceError('SECOND_FACTOR_INVALID', 'Sign in again.', 401);
    const { user, staySignedIn, how } = await this.d.secondFactor.finish(challenge, code);
    if (how === 'recovery') {
      await this.d.audit.record(
        { userId: user.id, label: user.email, ip },
        { orgId: null, action: 'auth.recovery_code_used' },
      );
    }
    return this.openSession(user, staySignedIn, ip, userAgent);
  }

  /**
   * Opens a session for someone an OpenID provider has just vouched for (the provider did the
   * password and any second factor).
   */
  async signInFromProvider(user: UserRecord, ip: string, userAgent: string | null): Promise<SignedIn> {
    await this.d.credentials.rememberAddress(user.id, ip, this.d.clock());
    return this.openSession(user, false, ip, userAgent);
  }

  /** The account whose password this is, or undefined. Directory accounts have no local password. */
  private async checkPassword(
    user: UserRecord | undefined,
    login: string,
    password: string,
  ): Promise<UserRecord | undefined> {
    const viaDirectory = await this.d.directory?.signIn(login, password);
    if (viaDirectory) return viaDirectory.user;
    const local = user?.authSource === 'local' ? user : undefined;
    const ok = await this.d.passwords.verify(local?.passwordHash ?? null, password);
    return ok ? local : undefined;
  }

  async signOut(sessionToken: string): Promise<void> {
    await this.d.credentials.deleteSession(hashSecret(sessionToken));
  }

  /** The session behind a cookie, or undefined when it is unknown or expired. */
  async sessionFor(sessionToken: string): Promise<{ session: SessionRecord; user: UserRecord } | undefined> {
    const now = this.d.clock();
    const session = await this.d.credentials.session(hashSecret(sessionToken), now);
    if (!session) return undefined;
    const user = await this.d.users.byId(session.userId);
    if (!user) return undefined;
    if (!user.lastAccessedAt || now.getTime() - user.lastAccessedAt.getTime() > 60_000) {
      await this.d.users.update(user.id, { lastAccessedAt: now });
    }
    return { session, user };
  }

  async info(session: SessionRecord, user: UserRecord): Promise<SessionInfo> {
    const organizations = await this.d.access.choices(user.id);
    const currentOrg = organizations.find((o) => o.id === session.orgId) ?? defaultOrg(organizations);
    return {
      user: {
        id: user.id,
        email: user.email,
        username: user.username,
        firstName: user.firstName,
        lastName: user.lastName,
        language: user.language,
        smsNumber: user.smsNumber,
        smsVerified: user.smsNumber !== null && user.smsVerifiedAt !== null,
        smsPending: await this.d.smsPending(user.id),
        uiSettings: user.uiSettings,
      },
      csrfToken: session.csrfToken,
      currentOrg,
      organizations,
      termsRequired: user.termsVersion !== termsKey(),
      terms: { ...currentTerms },
      permissions: currentOrg ? [...rolePermissions[currentOrg.role]] : [],
      twoFactor: {
        enabled: user.totpEnabledAt !== null,
        setupRequired: currentOrg
          ? await this.d.access.twoFactorSetupRequired(user.id, currentOrg.id)
          : false,
      },
    };
  }

  async acceptTerms(actor: Actor, terms: string, privacy: string): Promise<void> {
    if (!actor.userId) throw ServiceError.forbidden('Only people accept terms.');
    if (terms !== currentTerms.terms || privacy !== currentTerms.privacy) {
      throw ServiceError.invalid(
        'BAD_REQUEST',
        `Accept the current versions: terms ${currentTerms.terms}, privacy ${currentTerms.privacy}.`,
      );
    }
    await this.d.users.update(actor.userId, { termsVersion: termsKey(), termsAcceptedAt: this.d.clock() });
    await this.d.audit.record(actor, {
      orgId: null,
      action: 'auth.terms_accepted',
      detail: { terms, privacy },
    });
  }

  async switchOrg(actor: Actor, sessionToken: string, orgId: string): Promise<void> {
    const ctx = await this.d.access.resolve(actor, orgId);
    await this.d.credentials.updateSession(hashSecret(sessionToken), { orgId: ctx.org.id });
    await this.d.orgs.markActivated([ctx.org.id], this.d.clock());
    await this.d.audit.record(actor, { orgId: ctx.org.id, action: 'auth.org_switched' });
  }

  /** Always answers the same way, whether or not the address has an account. */
  async forgotPassword(email: string, ip: string): Promise<void> {
    const user = await this.d.users.byEmail(email);
    // Directory and OpenID accounts have no password here to reset.
    if (!user?.registeredAt || user.authSource !== 'local') return;
    const token = newSecret();
    await this.d.credentials.createOneTimeToken({
      tokenHash: hashSecret(token),
      purpose: 'password_reset',
      userId: user.id,
      expiresAt: new Date(this.d.clock().getTime() + resetLinkMs),
    });
    const mail = render(mailTemplates.passwordReset, user.language, {
      link: `${this.d.publicUrl}/reset-password?token=${token}`,
    });
    await this.d.mail.queue({ to: user.email, ...mail, kind: 'password_reset' });
    await this.d.audit.record(
      { userId: user.id, label: user.email, ip },
      { orgId: null, action: 'auth.password_reset_requested' },
    );
  }

  async resetPassword(token: string, password: string, ip: string): Promise<void> {
    const now = this.d.clock();
    const record = await this.d.credentials.oneTimeToken(hashSecret(token), 'password_reset', now);
    const user = record ? await this.d.users.byId(record.userId) : undefined;
    if (!record || !user) throw linkInvalid();
    const passwordHash = await this.d.passwords.hashAcceptable(password, 'user', userInputs(user));
    if (!(await this.d.credentials.useOneTimeToken(record.tokenHash, now))) throw linkInvalid();
    await this.d.users.update(user.id, { passwordHash });
    await this.d.credentials.deleteUserSessions(user.id);
    await this.d.credentials.clearThrottle(`acct:${user.id}`);
    await this.d.audit.record(
      { userId: user.id, label: user.email, ip },
      { orgId: null, action: 'auth.password_reset' },
    );
  }

  async invitation(
    token: string,
  ): Promise<{ email: string; organization: string; role: Role; expiresAt: string }> {
    const record = await this.d.credentials.oneTimeToken(hashSecret(token), 'invitation', this.d.clock());
    const user = record ? await this.d.users.byId(record.userId) : undefined;
    const org = record?.orgId ? await this.d.orgs.byId(record.orgId) : undefined;
    if (!record || !user || !org) throw linkInvalid();
    const membership = await this.d.users.membership(user.id, org.id);
    return {
      email: user.email,
      organization: org.name,
      role: membership?.role ?? 'monitor',
      expiresAt: record.expiresAt.toISOString(),
    };
  }

  /** Registers the password of an invited user and signs them in. */
  async register(
    input: {
      token: string;
      password: string;
      firstName?: string | undefined;
      lastName?: string | undefined;
      username?: string | undefined;
    },
    ip: string,
    userAgent: string | null,
  ): Promise<SignedIn> {
    const now = this.d.clock();
    const record = await this.d.credentials.oneTimeToken(hashSecret(input.token), 'invitation', now);
    const user = record ? await this.d.users.byId(record.userId) : undefined;
    if (!record || !user) throw linkInvalid();
    if (input.username && (await this.d.users.byLogin(input.username))?.id !== undefined) {
      throw ServiceError.conflict('NAME_TAKEN', `The username ${input.username} is taken; choose another.`);
    }
    const passwordHash = await this.d.passwords.hashAcceptable(input.password, 'user', [
      ...userInputs(user),
      input.firstName ?? '',
      input.lastName ?? '',
      input.username ?? '',
    ]);
    if (!(await this.d.credentials.useOneTimeToken(record.tokenHash, now))) throw linkInvalid();
    const updated = await this.d.users.update(user.id, {
      passwordHash,
      registeredAt: user.registeredAt ?? now,
      ...(input.firstName !== undefined ? { firstName: input.firstName } : {}),
      ...(input.lastName !== undefined ? { lastName: input.lastName } : {}),
      ...(input.username !== undefined ? { username: input.username } : {}),
    });
    await this.d.audit.record(
      { userId: user.id, label: user.email, ip },
      { orgId: record.orgId, action: 'users.registered' },
    );
    return this.openSession(updated ?? user, false, ip, userAgent);
  }

  /** Sets a password directly (operator CLI). */
  async setPassword(actor: Actor, email: string, password: string): Promise<void> {
    const user = await this.d.users.byEmail(email);
    if (!user) throw ServiceError.notFound(`A user with the email ${email}`);
    const passwordHash = await this.d.passwords.hashAcceptable(password, 'user', userInputs(user));
    await this.d.users.update(user.id, { passwordHash, registeredAt: user.registeredAt ?? this.d.clock() });
    await this.d.credentials.deleteUserSessions(user.id);
    await this.d.audit.record(actor, {
      orgId: null,
      action: 'auth.password_set',
      targetType: 'user',
      targetId: user.id,
    });
  }

  async changePassword(actor: Actor, current: string, next: string): Promise<void> {
    const user = actor.userId ? await this.d.users.byId(actor.userId) : undefined;
    if (!user) throw ServiceError.forbidden('Only people have passwords here.');
    if (user.authSource !== 'local') {
      throw ServiceError.invalid(
        'PASSWORD_EXTERNAL',
        "Your password is kept by your organization's directory or sign-in provider: change it there.",
      );
    }
    if (!(await this.d.passwords.verify(user.passwordHash, current))) {
      throw new ServiceError('INVALID_CREDENTIALS', 'The current password is not correct.', 400);
    }
    const passwordHash = await this.d.passwords.hashAcceptable(next, 'user', userInputs(user));
    await this.d.users.update(user.id, { passwordHash });
    await this.d.audit.record(actor, { orgId: null, action: 'auth.password_changed' });
  }

  private async openSession(
    user: UserRecord,
    staySignedIn: boolean,
    ip: string,
    userAgent: string | null,
  ): Promise<SignedIn> {
    const now = this.d.clock();
    const token = newSecret();
    const expiresAt = new Date(
      now.getTime() + (staySignedIn ? staySignedInDays * 24 : sessionHours) * 3_600_000,
    );
    const organizations = await this.d.access.choices(user.id);
    const current = defaultOrg(organizations);
    const session = {
      tokenHash: hashSecret(token),
      userId: user.id,
      orgId: current?.id ?? null,
      csrfToken: newSecret(),
      staySignedIn,
      ip,
      userAgent: userAgent?.slice(0, 300) ?? null,
      createdAt: now,
      expiresAt,
    };
    await this.d.credentials.createSession(session);
    await this.d.users.update(user.id, { lastAccessedAt: now });
    // An organization is Invited until someone first works in it.
    if (current) await this.d.orgs.markActivated([current.id], now);
    await this.d.audit.record(
      { userId: user.id, label: user.email, ip },
      { orgId: current?.id ?? null, action: 'auth.signed_in' },
    );
    return { sessionToken: token, expiresAt, staySignedIn, info: await this.info(session, user) };
  }

  /**
   * Checked failures (not the ones refused while locked, which cost nothing and would flood the log)
   * go to the history of every organization the account belongs to, so its admins see an attack.
   */
  private async auditFailure(
    user: UserRecord | undefined,
    login: string,
    ip: string,
    lockedUntil: Date | undefined,
  ): Promise<void> {
    const actor = { userId: user?.id ?? null, label: user?.email ?? login.slice(0, 254), ip };
    const orgIds = user ? (await this.d.users.memberships(user.id)).map((m) => m.orgId).slice(0, 20) : [];
    for (const orgId of orgIds.length ? orgIds : [null]) {
      await this.d.audit.record(actor, {
        orgId,
        action: 'auth.sign_in_failed',
        detail: { login: login.slice(0, 254) },
      });
      if (lockedUntil) {
        await this.d.audit.record(actor, {
          orgId,
          action: 'auth.locked',
          detail: { until: lockedUntil.toISOString() },
        });
      }
    }
  }

  private locked(until: Date, now: Date): ServiceError {
    const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
    return new ServiceError(
      'ACCOUNT_LOCKED',
      `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      429,
    );
  }
}

const termsKey = (): string => `${currentTerms.terms}/${currentTerms.privacy}`;
const userInputs = (u: UserRecord): string[] => [
  u.email,
  u.email.split('@')[0] ?? '',
  u.firstName,
  u.lastName,
  u.username ?? '',
];
const linkInvalid = (): ServiceError =>
  new ServiceError(
    'TOKEN_INVALID',
    'This link is no longer valid: it was used already or has expired. Ask for a new one.',
    400,
  );

/** Direct memberships first, then the most specific organization. */
function defaultOrg(choices: OrgChoice[]): OrgChoice | null {
  return (
    choices.find((c) => c.via === 'member' && c.kind !== 'platform') ??
    choices.find((c) => c.via === 'member') ??
    choices[0] ??
    null
  );
}
