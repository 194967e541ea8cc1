import type { AlertWebhook } from '@crosspoint/protocol';
import type {
  AlertConfigRepository,
  AlertWebhookRecord,
} from '../../repositories/alert-config.repository.ts';
import type { AuditService } from '../audit.service.ts';
import { requirePermission, type OrgContext } from '../context.ts';
import { newSecret } from '../secrets.ts';
import { webhookSealContext } from '../sealed-secrets.ts';
import { isSealed, type Sealer } from '../../adapters/sealer.ts';
import { ServiceError } from '../service-error.ts';
import type { WebhookFormat } from './webhook-formats.ts';

/** A webhook to create (enabled unless said otherwise). */
export interface NewWebhook {
  name: string;
  url: string;
  format?: WebhookFormat | undefined;
  enabled?: boolean | undefined;
}

/** What a webhook update changes; rotateSecret issues a new signing secret. */
export interface WebhookChanges {
  name?: string | undefined;
  url?: string | undefined;
  format?: WebhookFormat | undefined;
  enabled?: boolean | undefined;
  rotateSecret?: boolean | undefined;
}

/** Alert webhooks: where signed alert events are posted; a signing secret is shown once. */
export class AlertWebhookService {
  constructor(
    private readonly deps: {
      config: AlertConfigRepository;
      audit: AuditService;
      /** Seals webhook signing secrets at rest. */
      sealer: Sealer;
    },
  ) {}

  async webhooks(ctx: OrgContext): Promise<AlertWebhook[]> {
    requirePermission(ctx, 'alerts.read');
    return (await this.deps.config.webhooks(ctx.org.id)).map(webhookView);
  }

  async createWebhook(ctx: OrgContext, req: NewWebhook): Promise<{ webhook: AlertWebhook; secret: string }> {
    requirePermission(ctx, 'alerts.manage');
    const secret = `whsec_${newSecret()}`;
    const w = await this.deps.config.createWebhook({
      orgId: ctx.org.id,
      name: req.name.trim(),
      url: req.url,
      format: req.format ?? 'crosspoint',
      secret: this.sealWebhookSecret(ctx.org.id, secret),
      enabled: req.enabled ?? true,
    });
    await this.deps.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'alerts.webhook_created',
      targetType: 'webhook',
      targetId: w.id,
      detail: { name: w.name, url: w.url, format: w.format },
    });
    return { webhook: webhookView(w), secret };
  }

  async updateWebhook(
    ctx: OrgContext,
    id: string,
    req: WebhookChanges,
  ): Promise<{ webhook: AlertWebhook; secret: string | null }> {
    requirePermission(ctx, 'alerts.manage');
    const secret = req.rotateSecret ? `whsec_${newSecret()}` : null;
    const w = await this.deps.config.updateWebhook(ctx.org.id, id, {
      ...(req.name !== undefined ? { name: req.name.trim() } : {}),
      ...(req.url !== undefined ? { url: req.url } : {}),
      ...(req.format !== undefined ? { format: req.format } : {}),
      ...(req.enabled !== undefined ? { enabled: req.enabled } : {}),
      ...(secret ? { secret: this.sealWebhookSecret(ctx.org.id, secret) } : {}),
    });
    if (!w) throw ServiceError.notFound('The webhook');
    await this.deps.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'alerts.webhook_updated',
      targetType: 'webhook',
      targetId: id,
      detail: {
        fields: Object.keys(req).filter((k) => k !== 'rotateSecret'),
        secretRotated: secret !== null,
      },
    });
    return { webhook: webhookView(w), secret };
  }

  async deleteWebhook(ctx: OrgContext, id: string): Promise<void> {
    requirePermission(ctx, 'alerts.manage');
    const w = await this.deps.config.webhook(ctx.org.id, id);
    if (!w) throw ServiceError.notFound('The webhook');
    await this.deps.config.deleteWebhook(ctx.org.id, id);
    await this.deps.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'alerts.webhook_deleted',
      targetType: 'webhook',
      targetId: id,
      detail: { name: w.name, url: w.url },
    });
  }

  /** Seals the signing secrets of webhooks made before secrets were sealed (once, at start; idempotent). */
  async sealLegacyWebhookSecrets(): Promise<number> {
    const plain = (await this.deps.config.allWebhooks()).filter((w) => !isSealed(w.secret));
    for (const w of plain)
      await this.deps.config.updateWebhook(w.orgId, w.id, {
        secret: this.sealWebhookSecret(w.orgId, w.secret),
      });
    return plain.length;
  }

  private sealWebhookSecret(orgId: string, secret: string): string {
    return this.deps.sealer.seal(secret, webhookSealContext(orgId));
  }
}

function webhookView(w: AlertWebhookRecord): AlertWebhook {
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    format: w.format,
    enabled: w.enabled,
    createdAt: w.createdAt.toISOString(),
  };
}
