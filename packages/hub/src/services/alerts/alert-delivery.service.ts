import { ChannelError } from '../../adapters/channel-error.ts';
import type { Mailer } from '../../adapters/mailer.ts';
import type { SmsSender } from '../../adapters/sms.ts';
import type { WebhookSender } from '../../adapters/webhook.ts';
import { webhookBody } from './webhook-formats.ts';
import { digestItemOf, digestPayload, renderDigest, type DigestItem } from './alert-digest.ts';
import type { AlertConfigRepository } from '../../repositories/alert-config.repository.ts';
import type {
  AlertDeliveryRepository,
  DeliveryRecord,
} from '../../repositories/alert-delivery.repository.ts';
import type { Clock } from '../context.ts';
import { SerialRunner } from '../serial-runner.ts';

export interface DeliveryTuning {
  /** Look for due rows this often (and right after the engine queues some). */
  everyMs: number;
  batch: number;
  /** How long a claimed row is this sender's; past it, another hub may take the row over. */
  leaseMs: number;
  /** Backoff: retryBaseMs, ×2 per attempt, at most an hour. */
  retryBaseMs: number;
  maxAttempts: number;
  /** On stop, wait this long at most for sends in flight to finish and be recorded. */
  stopGraceMs: number;
}

export const defaultDeliveryTuning: DeliveryTuning = {
  everyMs: 2000,
  batch: 20,
  leaseMs: 120_000,
  retryBaseMs: 10_000,
  maxAttempts: 6,
  stopGraceMs: 15_000,
};

export interface DeliveryChannels {
  /** The mail server of the alert's organization (its own, its support organization's, or the hub's). */
  mailerFor: (orgId: string) => Promise<{ mailer: Mailer }>;
  sms: SmsSender;
  webhooks: WebhookSender;
  /** With no SMTP server: keep the mail in the operator's outbox. */
  keepMail: (mail: { to: string; subject: string; text: string; orgId: string }) => Promise<void>;
  /** A webhook's stored signing secret (sealed) → the secret. */
  webhookSecret: (orgId: string, stored: string) => string;
  /** Domain of Message-IDs, e.g. the public URL's host. */
  messageIdDomain: string;
}

/**
 * Sends queued alert deliveries: claims due rows with a lease (any number of hubs share the
 * queue), sends each through its channel, and records the outcome only if the lease is still its
 * own. Failures are retried with backoff; 4xx answers, SMTP 5xx and a deleted webhook are final.
 *
 * At-least-once window: a hub that dies (not stops) after a channel accepted a message but before
 * recording it leaves the row claimed; when the lease runs out another sender sends it again, with
 * the same idempotency key (Message-ID, X-Crosspoint-Delivery, Idempotency-Key). A hub that stops
 * waits for its sends in flight and records them, so a restart sends nothing twice.
 */
export class AlertDeliveryService {
  private timer: NodeJS.Timeout | undefined;
  private readonly runner: SerialRunner;
  private stopping = false;
  private digestTimer: NodeJS.Timeout | undefined;
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deliveries: AlertDeliveryRepository,
    private readonly config: AlertConfigRepository,
    private readonly channels: DeliveryChannels,
    private readonly clock: Clock,
    private readonly tuning: DeliveryTuning,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {
    this.runner = new SerialRunner(() => this.deliver(), onError);
  }

  start(): void {
    this.stopping = false;
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), this.tuning.everyMs);
    this.timer.unref();
    this.kick();
  }

  /** Stops claiming; waits (up to the grace period) for sends in flight to be recorded. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    clearTimeout(this.digestTimer);
    this.timer = undefined;
    this.digestTimer = undefined;
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([
      this.runner.idle(),
      new Promise<void>((r) => (grace = setTimeout(r, this.tuning.stopGraceMs))),
    ]);
    clearTimeout(grace);
  }

  /** Sends what is due now; resolves when the queue is drained (tests await it). */
  async flush(): Promise<void> {
    this.kick();
    await this.runner.idle(true);
  }

  kick(): void {
    if (!this.stopping) this.runner.kick();
  }

  private async deliver(): Promise<void> {
    while (!this.stopping) {
      const now = this.clock();
      const token = crypto.randomUUID();
      const leaseUntil = new Date(now.getTime() + this.tuning.leaseMs);
      const batch = await this.deliveries.claim(this.tuning.batch, now, leaseUntil, token);
      const grouped = await this.deliveries.claimGroups(this.tuning.batch, now, leaseUntil, token);
      if (batch.length === 0 && grouped.length === 0) break;
      const groups = new Map<string, DeliveryRecord[]>();
      for (const row of grouped) {
        const key = row.groupKey ?? '';
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
      await Promise.all([
        ...batch.map((row) => this.sendOne([row], token)),
        ...[...groups.values()].map((rows) => this.sendOne(rows, token)),
      ]);
    }
    if (!this.stopping) await this.wakeForDigests();
  }

  /** Held digests leave when due: wake then (any hub does; the one that claims the group sends it). */
  private async wakeForDigests(): Promise<void> {
    const now = this.clock().getTime();
    if (now - this.lastSweep >= 60_000) {
      this.lastSweep = now;
      await this.deliveries.sweepGroups(new Date(now - 3_600_000));
    }
    const due = await this.deliveries.nextGroupDue();
    clearTimeout(this.digestTimer);
    this.digestTimer = undefined;
    if (!due || this.stopping) return;
    const wait = due.getTime() - now;
    if (wait >= this.tuning.everyMs) return;
    this.digestTimer = setTimeout(() => this.kick(), Math.max(0, wait) + 5);
    this.digestTimer.unref();
  }

  /**
   * Sends one row, or the rows of one group: alone, each its own message; several, one digest
   * (docs/alerts.md, "Grouped messages"), under the first row's idempotency key. The outcome is
   * recorded for every row it carried.
   */
  private async sendOne(rows: DeliveryRecord[], token: string): Promise<void> {
    const ids = rows.map((r) => r.id);
    const attempts = Math.max(...rows.map((r) => r.attempts));
    try {
      const kept = await this.send(rows);
      await this.deliveries.finish(ids, token, { status: kept ? 'kept' : 'sent', at: this.clock() });
    } catch (e) {
      const permanent = e instanceof ChannelError && e.permanent;
      const final = permanent || attempts >= this.tuning.maxAttempts;
      const backoff = Math.min(this.tuning.retryBaseMs * 2 ** Math.max(0, attempts - 1), 3_600_000);
      await this.deliveries
        .finish(ids, token, {
          status: final ? 'failed' : 'queued',
          error: (e as Error).message,
          retryAt: new Date(this.clock().getTime() + backoff),
        })
        .catch(this.onError);
    }
  }

  /** A group's message: the row's own when it is alone (or an item is unreadable), else a digest. */
  private messageOf(rows: DeliveryRecord[]): {
    row: DeliveryRecord;
    subject: string;
    text: string;
    digest?: DigestItem[];
  } {
    const row = rows[0] as DeliveryRecord;
    const items = rows.map((r) => digestItemOf(r.item));
    if (rows.length < 2 || !items.every((i) => i !== undefined))
      return { row, subject: row.subject ?? '', text: row.text };
    const m = renderDigest(items, row.channel);
    return { row, subject: m.subject, text: row.channel === 'sms' ? m.sms : m.text, digest: items };
  }

  /** Sends through the rows' channel; returns true when it was kept (no SMTP server or SMS provider). */
  private async send(rows: DeliveryRecord[]): Promise<boolean> {
    const c = this.channels;
    const { row, subject, text, digest } = this.messageOf(rows);
    switch (row.channel) {
      case 'email': {
        const { mailer } = await c.mailerFor(row.orgId);
        if (mailer.kind === 'none') {
          await c.keepMail({ to: row.address, subject, text, orgId: row.orgId });
          return true;
        }
        await mailer.send({
          to: row.address,
          subject,
          text,
          messageId: `<${row.key}@${c.messageIdDomain}>`,
        });
        return false;
      }
      case 'sms':
        if (c.sms.kind === 'none') return true;
        await c.sms.send({ to: row.address, text, idempotencyKey: row.key });
        return false;
      case 'webhook': {
        const hook = await this.config.webhook(row.orgId, row.recipient);
        if (!hook) throw new ChannelError('The webhook was deleted.', true);
        if (!hook.enabled) throw new ChannelError('The webhook is disabled.', true);
        if (digest && hook.format === 'crosspoint') {
          // Switched to our JSON while held: one event per incident, as that format promises.
          for (const r of rows) await this.send([r]);
          return false;
        }
        const payload = digest ? digestPayload(digest, this.clock()) : (row.payload ?? {});
        const body = webhookBody(hook.format, row.key, payload);
        let secret: string;
        try {
          secret = c.webhookSecret(row.orgId, hook.secret);
        } catch (e) {
          // Another hub (with the right key) may still send it: not final.
          throw new ChannelError((e as Error).message, false);
        }
        await c.webhooks.send({
          url: hook.url,
          secret,
          body,
          deliveryId: row.key,
          timestamp: Math.floor(this.clock().getTime() / 1000),
        });
        return false;
      }
    }
  }
}
