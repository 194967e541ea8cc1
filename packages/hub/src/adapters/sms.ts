import { postJson } from './http-post.ts';

export interface OutgoingSms {
  to: string;
  text: string;
  /** Sent as the Idempotency-Key header, so the provider can drop a repeat. */
  idempotencyKey: string;
}

/**
 * One SMS adapter: POSTs `{ "to": "+E164", "text": "…" }` with `Authorization: Bearer <token>` to
 * the configured provider endpoint (or a small relay in front of any provider's API). Without an
 * endpoint, `kind` is 'none' and messages are kept in the delivery log.
 */
export interface SmsSender {
  kind: 'http' | 'none';
  send(sms: OutgoingSms): Promise<void>;
}

export function createSmsSender(
  url: string | undefined,
  token: string | undefined,
  timeoutMs = 10_000,
): SmsSender {
  if (!url) {
    return { kind: 'none', send: () => Promise.reject(new Error('No SMS provider is configured.')) };
  }
  return {
    kind: 'http',
    send: (sms) =>
      postJson(
        url,
        JSON.stringify({ to: sms.to, text: sms.text }),
        { ...(token ? { authorization: `Bearer ${token}` } : {}), 'idempotency-key': sms.idempotencyKey },
        timeoutMs,
        'The SMS provider',
      ),
  };
}
