import { randomBytes } from 'node:crypto';
import type {
  RecoveryCodes,
  SecondFactorChallenge,
  SignInPolicy,
  TwoFactorEnrollment,
  TwoFactorStatus,
} from '@crosspoint/protocol';
import type { Sealer } from '../adapters/sealer.ts';
import { newTotp, totpStep } from '../adapters/totp.ts';
import type { OrganizationRepository } from '../repositories/organization.repository.ts';
import type { TwoFactorRepository } from '../repositories/two-factor.repository.ts';
import type { UserRecord, UserRepository } from '../repositories/user.repository.ts';
import type { AuditService } from './audit.service.ts';
import { requirePermission, type Actor, type Clock, type OrgContext } from './context.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { ServiceError } from './service-error.ts';

const pendingMs = 5 * 60_000;
const maxFailures = 5;
const recoveryCodeCount = 10;

export const totpSealContext = (userId: string) => `totp:${userId}`;

/** Accounts of an OpenID provider are excepted: the provider does the second factor. */
export const secondFactorExempt = (user: Pick<UserRecord, 'authSource'>): boolean =>
  user.authSource === 'oidc';
export const hasSecondFactor = (user: Pick<UserRecord, 'totpEnabledAt'>): boolean =>
  user.totpEnabledAt !== null;

/**
 * Two-factor sign-in with TOTP (RFC 6238) and one-use recovery codes: a person turns it on for
 * themselves; an organization may require it of its members. A sign-in whose password was right
 * waits (five minutes, five wrong codes) for the second factor.
 */
export class TwoFactorService {
  constructor(
    private readonly d: {
      users: UserRepository;
      orgs: OrganizationRepository;
      store: TwoFactorRepository;
      sealer: Sealer;
      audit: AuditService;
      clock: Clock;
      /** Shown in the authenticator app beside the account (the hub's name). */
      issuer: string;
    },
  ) {}

  async status(actor: Actor): Promise<TwoFactorStatus> {
    const user = await this.person(actor);
    return {
      enabled: hasSecondFactor(user),
      enabledAt: user.totpEnabledAt?.toISOString() ?? null,
      recoveryCodesLeft: hasSecondFactor(user) ? await this.d.store.recoveryCodesLeft(user.id) : 0,
      requiredBy: await this.requiredBy(user.id),
      exempt: secondFactorExempt(user),
    };
  }

  /** A new secret (replacing one not yet confirmed); two-factor is on once a code from it is confirmed. */
  async startEnrollment(actor: Actor): Promise<TwoFactorEnrollment> {
    const user = await this.person(actor);
    if (hasSecondFactor(user)) {
      throw ServiceError.conflict(
        'CONFLICT',
        'Two-factor sign-in is on already: turn it off first to change the app.',
      );
    }
    if (secondFactorExempt(user)) {
      throw ServiceError.invalid(
        'BAD_REQUEST',
        'Your OpenID provider does the second factor for this account.',
      );
    }
    const setup = await newTotp(user.email, this.d.issuer);
    await this.d.users.update(user.id, {
      totpSecret: this.d.sealer.seal(setup.secret, totpSealContext(user.id)),
      totpLastStep: null,
    });
    return setup;
  }

  async confirmEnrollment(actor: Actor, code: string): Promise<RecoveryCodes> {
    const user = await this.person(actor);
    if (hasSecondFactor(user)) throw ServiceError.conflict('CONFLICT', 'Two-factor sign-in is on already.');
    if (!user.totpSecret) {
      throw ServiceError.invalid(
        'BAD_REQUEST',
        'Start turning on two-factor sign-in first (scan the QR code).',
      );
    }
    if (!(await this.acceptTotp(user, code))) throw wrongCode();
    await this.d.users.update(user.id, { totpEnabledAt: this.d.clock() });
    const codes = await this.replaceRecoveryCodes(user.id);
    await this.d.audit.record(actor, { orgId: null, action: 'auth.two_factor_enabled' });
    return { codes };
  }

  async disable(actor: Actor, code: string): Promise<void> {
    const user = await this.person(actor);
    if (!hasSecondFactor(user)) return;
    const requiredBy = await this.requiredBy(user.id);
    if (requiredBy.length) {
      throw ServiceError.forbidden(
        `${requiredBy.join(', ')} require${requiredBy.length === 1 ? 's' : ''} two-factor sign-in: it stays on.`,
      );
    }
    if (!(await this.acceptCode(user, code))) throw wrongCode();
    await this.d.users.update(user.id, { totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    await this.d.store.replaceRecoveryCodes(user.id, []);
    await this.d.audit.record(actor, { orgId: null, action: 'auth.two_factor_disabled' });
  }

  async newRecoveryCodes(actor: Actor, code: string): Promise<RecoveryCodes> {
    const user = await this.person(actor);
    if (!hasSecondFactor(user)) throw ServiceError.invalid('BAD_REQUEST', 'Two-factor sign-in is off.');
    if (!(await this.acceptCode(user, code))) throw wrongCode();
    const codes = await this.replaceRecoveryCodes(user.id);
    await this.d.audit.record(actor, { orgId: null, action: 'auth.recovery_codes_replaced' });
    return { codes };
  }

  /** Whether signing in as this account asks for a second factor. */
  needed(user: UserRecord): boolean {
    return hasSecondFactor(user) && !secondFactorExempt(user);
  }

  /** The password was right: the sign-in waits for the code. */
  async begin(user: UserRecord, staySignedIn: boolean): Promise<SecondFactorChallenge> {
    const now = this.d.clock();
    const challenge = newSecret();
    const expiresAt = new Date(now.getTime() + pendingMs);
    await this.d.store.deleteExpiredPending(now);
    await this.d.store.createPending({
      tokenHash: hashSecret(challenge),
      userId: user.id,
      staySignedIn,
      expiresAt,
    });
    return { secondFactorRequired: true, challenge, expiresAt: expiresAt.toISOString() };
  }

  /** The account and its "stay signed in" when the code is right; throws SECOND_FACTOR_INVALID otherwise. */
  async finish(
    challenge: string,
    code: string,
  ): Promise<{ user: UserRecord; staySignedIn: boolean; how: string }> {
    const tokenHash = hashSecret(challenge);
    const pending = await this.d.store.pending(tokenHash, this.d.clock());
    const user = pending ? await this.d.users.byId(pending.userId) : undefined;
    if (!pending || !user || !hasSecondFactor(user)) throw expired();
    const how = await this.acceptCode(user, code);
    if (!how) {
      const failures = await this.d.store.failPending(tokenHash);
      await this.d.audit.record(
        { userId: user.id, label: user.email, ip: null },
        { orgId: null, action: 'auth.second_factor_failed', detail: { failures } },
      );
      if (failures >= maxFailures) {
        await this.d.store.deletePending(tokenHash);
        throw expired();
      }
      throw wrongCode();
    }
    if (!(await this.d.store.deletePending(tokenHash))) throw expired();
    return { user, staySignedIn: pending.staySignedIn, how };
  }

  policy(ctx: OrgContext): SignInPolicy {
    requirePermission(ctx, 'users.read');
    return { requireTwoFactor: ctx.org.requireTwoFactor };
  }

  async updatePolicy(ctx: OrgContext, policy: SignInPolicy): Promise<SignInPolicy> {
    requirePermission(ctx, 'users.manage');
    const updated = await this.d.orgs.update(ctx.org.id, { requireTwoFactor: policy.requireTwoFactor });
    await this.d.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'org.sign_in_policy_changed',
      detail: { requireTwoFactor: policy.requireTwoFactor },
    });
    return { requireTwoFactor: updated?.requireTwoFactor ?? policy.requireTwoFactor };
  }

  /** 'totp' or 'recovery' when the code is right (and now spent), else undefined. */
  private async acceptCode(user: UserRecord, code: string): Promise<'totp' | 'recovery' | undefined> {
    const typed = code.replace(/\s/g, '');
    if (/^\d{6}$/.test(typed)) return (await this.acceptTotp(user, typed)) ? 'totp' : undefined;
    const normalized = normalizeRecoveryCode(typed);
    if (!normalized) return undefined;
    return (await this.d.store.useRecoveryCode(user.id, hashSecret(normalized), this.d.clock()))
      ? 'recovery'
      : undefined;
  }

  private async acceptTotp(user: UserRecord, code: string): Promise<boolean> {
    if (!user.totpSecret) return false;
    const secret = this.d.sealer.open(user.totpSecret, totpSealContext(user.id));
    const step = totpStep(secret, code.replace(/\s/g, ''), this.d.clock());
    return step !== undefined && (await this.d.store.useTotpStep(user.id, step));
  }

  private async replaceRecoveryCodes(userId: string): Promise<string[]> {
    const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
    await this.d.store.replaceRecoveryCodes(
      userId,
      codes.map((c) => hashSecret(normalizeRecoveryCode(c) ?? c)),
    );
    return codes;
  }

  /** The person's organizations that require two-factor sign-in, by name. */
  private async requiredBy(userId: string): Promise<string[]> {
    const memberships = await this.d.users.memberships(userId);
    const orgs = await this.d.orgs.byIds(memberships.map((m) => m.orgId));
    return orgs.filter((o) => o.requireTwoFactor).map((o) => o.name);
  }

  private async person(actor: Actor): Promise<UserRecord> {
    const user = actor.userId && !actor.token ? await this.d.users.byId(actor.userId) : undefined;
    if (!user) throw ServiceError.forbidden('Only a signed-in person has a second factor.');
    return user;
  }
}

const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
/** Ten characters from an alphabet without look-alikes, as xxxxx-xxxxx (about 49 bits). */
function newRecoveryCode(): string {
  const chars = [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
/** Case, spaces and dashes do not matter when typing a recovery code. */
function normalizeRecoveryCode(code: string): string | undefined {
  const plain = code.toLowerCase().replace(/[\s-]/g, '');
  return /^[a-z0-9]{10}$/.test(plain) ? plain : undefined;
}

const wrongCode = () =>
  new ServiceError(
    'SECOND_FACTOR_INVALID',
    'The code is not right, or it was used already. Try the next one.',
    400,
  );
const expired = () =>
  new ServiceError(
    'SECOND_FACTOR_INVALID',
    'This sign-in has expired or was used already: sign in again.',
    401,
  );
