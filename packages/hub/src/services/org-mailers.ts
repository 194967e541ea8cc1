import { ChannelError } from '../adapters/channel-error.ts';
import { createServerMailer, type Mailer } from '../adapters/mailer.ts';
import { SealError, type Sealer } from '../adapters/sealer.ts';
import type { OrgSmtpRecord, OrgSmtpRepository } from '../repositories/org-smtp.repository.ts';
import { smtpSealContext } from './sealed-secrets.ts';

export interface OrgMailer {
  mailer: Mailer;
  /** 'custom': the organization's own server; 'inherited': its support organization's; 'default': the hub's. */
  via: 'default' | 'custom' | 'inherited';
}

/**
 * Picks the mail server for an organization's alert emails: its own, else its support
 * organization's, else the hub's. The settings are read on every call (one row), so a change on
 * any hub is used by every hub at once; connections (pooled) are kept per server until its
 * settings change.
 */
export class OrgMailers {
  private readonly open = new Map<string, { version: string; mailer: Mailer }>();

  constructor(
    private readonly repo: OrgSmtpRepository,
    private readonly sealer: Sealer,
    private readonly fallback: Mailer,
    private readonly options: { allowPrivate: boolean; timeoutMs?: number },
  ) {}

  async forOrg(orgId: string): Promise<OrgMailer> {
    const found = await this.repo.effective(orgId);
    if (found?.ownerOrgId !== orgId) this.drop(orgId);
    if (!found) return { mailer: this.fallback, via: 'default' };
    return {
      mailer: this.mailerOf(found.settings),
      via: found.ownerOrgId === orgId ? 'custom' : 'inherited',
    };
  }

  /** Forgets the connections of an organization's old settings. */
  drop(orgId: string): void {
    this.open.get(orgId)?.mailer.close();
    this.open.delete(orgId);
  }

  close(): void {
    for (const { mailer } of this.open.values()) mailer.close();
    this.open.clear();
  }

  private mailerOf(s: OrgSmtpRecord): Mailer {
    const version = s.updatedAt.toISOString();
    const kept = this.open.get(s.orgId);
    if (kept?.version === version) return kept.mailer;
    this.drop(s.orgId);
    let password: string | null = null;
    if (s.passwordSealed) {
      try {
        password = this.sealer.open(s.passwordSealed, smtpSealContext(s.orgId));
      } catch (e) {
        // Another hub (with the right key) may still send it: not final.
        throw new ChannelError(e instanceof SealError ? e.message : String(e), false);
      }
    }
    const mailer = createServerMailer(
      {
        host: s.host,
        port: s.port,
        security: s.security,
        username: s.username,
        password,
        from: s.fromAddress,
      },
      this.options,
    );
    this.open.set(s.orgId, { version, mailer });
    return mailer;
  }
}
