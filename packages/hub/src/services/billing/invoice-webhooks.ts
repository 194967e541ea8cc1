import type { Invoice } from '@crosspoint/protocol';
import type { WebhookSender } from '../../adapters/webhook.ts';
import { webhookBody } from '../alerts/webhook-formats.ts';
import type { AlertWebhookRecord } from '../../repositories/alert-config.repository.ts';
import type { BillingRepository } from '../../repositories/billing.repository.ts';
import type { Clock } from '../context.ts';

export type InvoiceWebhookEvent = 'invoice.issued' | 'invoice.paid' | 'invoice.overdue';

/**
 * Billing events to the organization's webhooks (the ones it set up under Alerts › Webhooks, with
 * their signing secrets): the same signed POST the alert deliveries make (adapters/webhook.ts). A
 * receiver that fails fails that call only; each call is written to the invoice's history.
 */
export class InvoiceWebhooks {
  constructor(
    private readonly deps: {
      webhooks: (orgId: string) => Promise<AlertWebhookRecord[]>;
      /** A webhook's stored (sealed) secret → the secret. */
      secret: (orgId: string, stored: string) => string;
      sender: WebhookSender;
      repo: BillingRepository;
      clock: Clock;
      onError?: (e: unknown) => void;
    },
  ) {}

  async notify(type: InvoiceWebhookEvent, invoice: Invoice): Promise<void> {
    const hooks = (await this.deps.webhooks(invoice.orgId)).filter((h) => h.enabled);
    const now = this.deps.clock();
    const payload = { type, occurredAt: now.toISOString(), invoice };
    for (const hook of hooks) {
      const deliveryId = `${invoice.id}.${type}.${hook.id}`;
      // Our JSON keeps the shape it always had (no id); chat formats make a message of it.
      const body =
        hook.format === 'crosspoint'
          ? JSON.stringify(payload)
          : webhookBody(hook.format, deliveryId, payload);
      let error: string | null = null;
      try {
        await this.deps.sender.send({
          url: hook.url,
          secret: this.deps.secret(invoice.orgId, hook.secret),
          body,
          deliveryId,
          timestamp: Math.floor(now.getTime() / 1000),
        });
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
        this.deps.onError?.(e);
      }
      await this.deps.repo.addEvent({
        invoiceId: invoice.id,
        orgId: invoice.orgId,
        at: this.deps.clock(),
        kind: 'webhook',
        detail: { type, webhook: hook.name, ok: error === null, ...(error ? { error } : {}) },
      });
    }
  }
}
