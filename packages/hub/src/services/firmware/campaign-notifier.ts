import type { AlertWebhookRecord } from '../../repositories/alert-config.repository.ts';
import type { WebhookSender } from '../../adapters/webhook.ts';
import type { CampaignRecord } from '../../repositories/firmware-campaign.repository.ts';
import type { Clock } from '../context.ts';
import { webhookBody } from '../alerts/webhook-formats.ts';
import type { CampaignEvent } from './campaign-engine.ts';

export interface CampaignNotifierDeps {
  webhooks: (orgId: string) => Promise<AlertWebhookRecord[]>;
  secret: (orgId: string, stored: string) => string;
  sender: WebhookSender;
  mail: (m: { to: string; subject: string; text: string; orgId: string }) => Promise<void>;
  /** The address of the campaign's author, when a person made it. */
  authorEmail: (c: CampaignRecord) => Promise<string | undefined>;
  publicUrl: string;
  clock: Clock;
  onError: (e: unknown) => void;
}

const words: Record<CampaignEvent, string> = {
  started: 'started',
  halted: 'halted',
  completed: 'completed',
  aborted: 'was aborted',
};

/**
 * Tells people a campaign started, halted or ended: a mail to its author and a call to each of the
 * organization's enabled webhooks (the alert webhooks, in their format). A failing receiver or mail
 * fails that one notice, never the campaign.
 */
export class CampaignNotifier {
  constructor(private readonly d: CampaignNotifierDeps) {}

  async notify(c: CampaignRecord, event: CampaignEvent): Promise<void> {
    const now = this.d.clock();
    const link = `${this.d.publicUrl}/firmware/campaigns/${c.id}`;
    const subject = `Firmware campaign “${c.name}” ${words[event]}`;
    const text = [subject + '.', c.haltReason ? `Why: ${c.haltReason}` : '', `Follow it: ${link}`]
      .filter(Boolean)
      .join('\n\n');
    try {
      const to = await this.d.authorEmail(c);
      if (to) await this.d.mail({ to, subject, text, orgId: c.orgId });
    } catch (e) {
      this.d.onError(e);
    }
    const payload = {
      type: `firmware.campaign.${event}`,
      occurredAt: now.toISOString(),
      campaign: { id: c.id, name: c.name, status: c.status, haltReason: c.haltReason, url: link },
    };
    let hooks: AlertWebhookRecord[] = [];
    try {
      hooks = (await this.d.webhooks(c.orgId)).filter((h) => h.enabled);
    } catch (e) {
      this.d.onError(e);
    }
    for (const hook of hooks) {
      const deliveryId = `${c.id}.${event}.${hook.id}`;
      try {
        await this.d.sender.send({
          url: hook.url,
          secret: this.d.secret(c.orgId, hook.secret),
          body:
            hook.format === 'crosspoint'
              ? JSON.stringify(payload)
              : webhookBody(hook.format, deliveryId, payload),
          deliveryId,
          timestamp: Math.floor(now.getTime() / 1000),
        });
      } catch (e) {
        this.d.onError(e);
      }
    }
  }
}
