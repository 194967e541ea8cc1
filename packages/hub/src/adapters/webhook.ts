import { createHmac, timingSafeEqual } from 'node:crypto';
import { ChannelError } from './channel-error.ts';
import { postJson } from './http-post.ts';
import { isPrivateAddress, privateHost } from './private-address.ts';

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
  return `sha256=${createHmac('sha256', secret)
    .update(`${String(timestamp)}.${body}`)
    .digest('hex')}`;
}

/** What a receiver does: recompute the signature and compare in constant time. */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(webhookSignature(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export interface WebhookSender {
  send(call: OutgoingWebhook): Promise<void>;
}

/**
 * Refuses URLs whose host is, or resolves to, a private address: a tenant must not reach the hub's
 * own network. The connection checks again what it connects to (a second DNS answer may differ).
 */
async function checkPublic(hostname: string): Promise<void> {
  const host = await privateHost(hostname);
  if (host !== undefined) {
    throw new ChannelError(
      `The webhook address ${host} is in a private network; the operator can allow this with CROSSPOINT_WEBHOOK_ALLOW_PRIVATE=true.`,
      true,
    );
  }
}

/**
 * Signed JSON POSTs to integrations (see docs/alerts.md for the headers). Unless `allowPrivate`,
 * addresses in loopback, private and link-local networks are refused.
 */
export function createWebhookSender(
  options: { timeoutMs?: number; allowPrivate?: boolean } = {},
): WebhookSender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    send: async (call) => {
      if (!URL.canParse(call.url)) throw new ChannelError('The webhook has no valid URL.', true);
      const hostname = new URL(call.url).hostname;
      if (!options.allowPrivate) await checkPublic(hostname);
      await postJson(
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
        options.allowPrivate
          ? undefined
          : {
              refuse: isPrivateAddress,
              message: `The webhook address ${hostname} resolves to a private network address; the operator can allow this with CROSSPOINT_WEBHOOK_ALLOW_PRIVATE=true.`,
            },
      );
    },
  };
}
