import type { OrgSmtpSettings, UpdateOrgSmtpRequest } from '@crosspoint/protocol';
import type { Sealer } from '../adapters/sealer.ts';
import type { OrgSmtpRecord, OrgSmtpRepository } from '../repositories/org-smtp.repository.ts';
import type { UserRepository } from '../repositories/user.repository.ts';
import type { AuditService } from './audit.service.ts';
import { requirePermission, type Clock, type OrgContext } from './context.ts';
import type { MailService } from './mail.service.ts';
import type { OrgMailers } from './org-mailers.ts';
import { smtpSealContext } from './sealed-secrets.ts';
import { ServiceError } from './service-error.ts';

/**
 * Alerts › Email server: an organization sends its alert emails through its own SMTP server
 * (Owner and Administrator set it up), through its support organization's, or through the hub's
 * default. The password is sealed and never shown again. "Send test email" talks to the server
 * right away and reports its answer.
 */
export class OrgSmtpService {
  constructor(
    private readonly deps: {
      repo: OrgSmtpRepository;
      mailers: OrgMailers;
      sealer: Sealer;
      users: UserRepository;
      mail: MailService;
      audit: AuditService;
      clock: Clock;
      /** Whether the hub has a default mail server. */
      defaultConfigured: boolean;
    },
  ) {}

  async get(ctx: OrgContext): Promise<OrgSmtpSettings> {
    requirePermission(ctx, 'alerts.read');
    const found = await this.deps.repo.effective(ctx.org.id);
    const own = found?.ownerOrgId === ctx.org.id ? found.settings : undefined;
    return {
      mode: own ? 'custom' : found ? 'inherited' : 'default',
      inheritedFrom: found && !own ? found.ownerName : null,
      defaultConfigured: this.deps.defaultConfigured,
      server: own ? serverView(own) : null,
    };
  }

  async update(ctx: OrgContext, req: UpdateOrgSmtpRequest): Promise<OrgSmtpSettings> {
    requirePermission(ctx, 'alerts.manage');
    const before = await this.deps.repo.get(ctx.org.id);
    const username = req.username === undefined ? (before?.username ?? null) : req.username;
    let passwordSealed: string | null = null;
    if (username !== null) {
      if (req.password !== undefined)
        passwordSealed = this.deps.sealer.seal(req.password, smtpSealContext(ctx.org.id));
      else if (before?.username === username) passwordSealed = before.passwordSealed;
      else
        throw ServiceError.invalid('VALIDATION_FAILED', 'A new user name needs its password.', [
          { path: '/body/password', message: 'is required with a new username' },
        ]);
    }
    const saved = await this.deps.repo.save({
      orgId: ctx.org.id,
      host: req.host.toLowerCase(),
      port: req.port,
      security: req.security,
      username,
      passwordSealed,
      fromAddress: req.from.trim(),
      updatedAt: this.deps.clock(),
      updatedBy: ctx.actor.label,
    });
    this.deps.mailers.drop(ctx.org.id);
    await this.deps.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'alerts.smtp_updated',
      targetType: 'organization',
      targetId: ctx.org.id,
      detail: {
        host: saved.host,
        port: saved.port,
        security: saved.security,
        username: saved.username,
        passwordChanged: req.password !== undefined,
        from: saved.fromAddress,
      },
    });
    return this.get(ctx);
  }

  async remove(ctx: OrgContext): Promise<OrgSmtpSettings> {
    requirePermission(ctx, 'alerts.manage');
    if (await this.deps.repo.remove(ctx.org.id)) {
      this.deps.mailers.drop(ctx.org.id);
      await this.deps.audit.record(ctx.actor, {
        orgId: ctx.org.id,
        action: 'alerts.smtp_removed',
        targetType: 'organization',
        targetId: ctx.org.id,
        detail: {},
      });
    }
    return this.get(ctx);
  }

  /** Sends a test message now through the server alert emails of this organization would use. */
  async test(
    ctx: OrgContext,
    to: string | undefined,
  ): Promise<{ to: string; via: 'default' | 'custom' | 'inherited'; kept: boolean }> {
    requirePermission(ctx, 'alerts.manage');
    const address =
      to ?? (ctx.actor.userId ? (await this.deps.users.byId(ctx.actor.userId))?.email : undefined);
    if (!address)
      throw ServiceError.invalid('VALIDATION_FAILED', 'Say where to send the test message.', [
        { path: '/body/to', message: 'is required for API tokens' },
      ]);
    const { mailer, via } = await this.deps.mailers.forOrg(ctx.org.id).catch((e: unknown) => {
      throw new ServiceError('SMTP_TEST_FAILED', (e as Error).message, 502);
    });
    const subject = `Crosspoint test message for ${ctx.org.name}`;
    const text = `This is a test message from Crosspoint, sent by ${ctx.actor.label} to check the mail server of ${ctx.org.name}.\n\nIf it reached you, alert emails will too.`;
    let kept = false;
    if (mailer.kind === 'none') {
      await this.deps.mail.keep({ to: address, subject, text, kind: 'smtp_test', orgId: ctx.org.id });
      kept = true;
    } else {
      try {
        await mailer.send({ to: address, subject, text });
      } catch (e) {
        await this.deps.audit.record(ctx.actor, {
          orgId: ctx.org.id,
          action: 'alerts.smtp_tested',
          targetType: 'organization',
          targetId: ctx.org.id,
          detail: { to: address, via, ok: false, error: (e as Error).message },
        });
        throw new ServiceError(
          'SMTP_TEST_FAILED',
          `The mail server did not take the message: ${(e as Error).message}`,
          502,
        );
      }
    }
    await this.deps.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'alerts.smtp_tested',
      targetType: 'organization',
      targetId: ctx.org.id,
      detail: { to: address, via, ok: true, kept },
    });
    return { to: address, via, kept };
  }
}

const serverView = (s: OrgSmtpRecord) => ({
  host: s.host,
  port: s.port,
  security: s.security,
  username: s.username,
  passwordSet: s.passwordSealed !== null,
  from: s.fromAddress,
  updatedAt: s.updatedAt.toISOString(),
  updatedBy: s.updatedBy,
});
