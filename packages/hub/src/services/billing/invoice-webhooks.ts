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
 * receiver that fails fails that call only, which is tried again later (up to five times in all);
 * each call is written to the invoice's history.
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

  /**
   * Calls the organization's enabled webhooks (or, for a retry, the one named) with the event. Each
   * call is claimed first in the invoice's history by its unique key
   * (`webhook:<type>:<webhook>:<attempt>`), so with several hubs one makes it; its outcome is
   * written to that entry. Failed calls are retried by billing's sweep (`retryDue`).
   */
  async notify(
    type: InvoiceWebhookEvent,
    invoice: Invoice,
    only?: { webhookId: string; attempt: number },
  ): Promise<void> {
    const hooks = (await this.deps.webhooks(invoice.orgId)).filter(
      (h) => h.enabled && (!only || h.id === only.webhookId),
    );
    const now = this.deps.clock();
    const attempt = only?.attempt ?? 1;
    const payload = { type, occurredAt: now.toISOString(), invoice };
    for (const hook of hooks) {
      const key = `webhook:${type}:${hook.id}:${String(attempt)}`;
      const base = { type, webhook: hook.name, webhookId: hook.id, attempt };
      const claimed = await this.deps.repo.addEvent({
        invoiceId: invoice.id,
        orgId: invoice.orgId,
        at: now,
        kind: 'webhook',
        key,
        detail: { ...base, ok: null },
      });
      if (!claimed) continue;
      // The same delivery id on every attempt: receivers deduplicate on it.
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
      const final = error !== null && attempt >= maxWebhookAttempts;
      await this.deps.repo.setEventDetail(invoice.id, key, {
        ...base,
        ok: error === null,
        ...(error ? { error, ...(final ? { final } : {}) } : {}),
      });
    }
  }
}

/** A failed invoice webhook call is tried this many times in all. */
export const maxWebhookAttempts = 5;

/** Wait before attempt n + 1: 1, 4, 16, 64 minutes (billing's sweep runs hourly by default). */
export const webhookBackoffMs = (attempt: number): number => 60_000 * 4 ** (attempt - 1);
