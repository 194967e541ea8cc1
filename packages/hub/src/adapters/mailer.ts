import nodemailer from 'nodemailer';
import { ChannelError } from './channel-error.ts';
import { privateHost } from './private-address.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Message-ID header, e.g. an idempotency key receivers can deduplicate on. */
  messageId?: string;
}

/** Sends mail through SMTP; without an SMTP URL, `kind` is 'none' and mail stays in the outbox. */
export interface Mailer {
  kind: 'smtp' | 'none';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** An SMTP server as an organization describes it (Alerts › Email server). */
export interface SmtpServer {
  host: string;
  port: number;
  /** 'tls': TLS from the first byte (465); 'starttls': upgrade required (587); 'none': plain text (a relay on a trusted network). */
  security: 'tls' | 'starttls' | 'none';
  username: string | null;
  password: string | null;
  from: string;
}

type Transport = ReturnType<typeof nodemailer.createTransport>;

function smtpMailer(transport: Transport, from: string, check: () => Promise<void> = () => Promise.resolve()): Mailer {
  return {
    kind: 'smtp',
    send: async (mail) => {
      await check();
      try {
        await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, ...(mail.messageId ? { messageId: mail.messageId } : {}) });
      } catch (e) {
        // SMTP 5xx answers are final (unknown mailbox, refused); anything else may pass later.
        const code = (e as { responseCode?: number }).responseCode;
        throw new ChannelError((e as Error).message, code !== undefined && code >= 500 && code < 600);
      }
    },
    close: () => transport.close(),
  };
}

/** The hub's default mailer, from CROSSPOINT_SMTP_URL (pooled: a burst of alerts reuses connections). */
export function createMailer(smtpUrl: string | undefined, from: string): Mailer {
  if (!smtpUrl) {
    return {
      kind: 'none',
      send: () => Promise.reject(new Error('No SMTP server is configured.')),
      close: () => undefined,
    };
  }
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  return smtpMailer(nodemailer.createTransport(url.toString()), from);
}

/**
 * A mailer for an organization's own SMTP server. Unless `allowPrivate`, a host that is, or
 * resolves to, a loopback or private address is refused before connecting: a tenant must not use
 * the hub to reach its own network.
 */
export function createServerMailer(server: SmtpServer, options: { allowPrivate: boolean; timeoutMs?: number }): Mailer {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
    pool: true,
    maxConnections: 2,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 2,
    ...(server.username ? { auth: { user: server.username, pass: server.password ?? '' } } : {}),
  });
  const check = async () => {
    if (options.allowPrivate) return;
    const host = await privateHost(server.host);
    if (host !== undefined) {
      throw new ChannelError(`The SMTP server ${host} is in a private network; the operator can allow this with CROSSPOINT_SMTP_ALLOW_PRIVATE=true.`, true);
    }
  };
  return smtpMailer(transport, server.from, check);
}
