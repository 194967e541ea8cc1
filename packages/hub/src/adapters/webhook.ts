import { createHmac, timingSafeEqual } from 'node:crypto';
import { postJson } from './http-post.ts';

export interface OutgoingWebhook {
  url: string;
  secret: string;
  /** The JSON body, exactly as signed. */
  body: string;
  /** Idempotency key: the same on every attempt of one delivery. */
  deliveryId: string;
  /** Unix seconds; part of the signature so a captured call cannot be replayed later unnoticed. */
  timestamp: number;
}

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` under the webhook's secret. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${String(timestamp)}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute the signature and compare in constant time. */
export function verifyWebhookSignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(webhookSignature(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export interface WebhookSender {
  send(call: OutgoingWebhook): Promise<void>;
}

/** Signed JSON POSTs to integrations (see docs/alerts.md for the headers). */
export function createWebhookSender(timeoutMs = 10_000): WebhookSender {
  return {
    send: (call) =>
      postJson(
        call.url,
        call.body,
        {
          'x-crosspoint-timestamp': String(call.timestamp),
          'x-crosspoint-signature': webhookSignature(call.secret, call.timestamp, call.body),
          'x-crosspoint-delivery': call.deliveryId,
          'idempotency-key': call.deliveryId,
        },
        timeoutMs,
        'The webhook receiver',
      ),
  };
}
