import { connect, isIP, type Socket } from 'node:net';
import nodemailer from 'nodemailer';
import { ChannelError } from './channel-error.ts';
import { connectionFailure } from './http-post.ts';
import { guardedLookup, isPrivateAddress, RefusedAddress } from './private-address.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Message-ID header, e.g. an idempotency key receivers can deduplicate on. */
  messageId?: string;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
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

function smtpMailer(transport: Transport, from: string, timeoutMs: number, refusedMessage?: string): Mailer {
  // Failures reach each send; an 'error' event with no listener would end the process instead.
  transport.on('error', () => undefined);
  return {
    kind: 'smtp',
    send: async (mail) => {
      try {
        await transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.messageId ? { messageId: mail.messageId } : {}),
          ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
        });
      } catch (e) {
        if (e instanceof RefusedAddress && refusedMessage) throw new ChannelError(refusedMessage, true);
        // SMTP 5xx answers are final (unknown mailbox, refused); anything else may pass later.
        const code = (e as { responseCode?: unknown }).responseCode;
        const permanent = typeof code === 'number' && code >= 500 && code < 600;
        throw new ChannelError(connectionFailure(e, timeoutMs), permanent);
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
  return smtpMailer(nodemailer.createTransport(url.toString()), from, 120_000);
}

/**
 * Opens the TCP connection to `host` for nodemailer (its `getSocket` hook), resolving the name in
 * the connection's own lookup and refusing `refuse`d addresses there, so what was checked is what
 * is connected to (no DNS rebinding between a check and the connection). nodemailer then speaks
 * SMTP over it and, for TLS, verifies the certificate against `host`, the name.
 */
function guardedSocket(host: string, port: number, refuse: (address: string) => boolean, timeoutMs: number) {
  return (
    _options: unknown,
    callback: (err: Error | null, socket?: { connection: Socket }) => void,
  ): void => {
    const bare = host.replace(/^\[|\]$/g, '');
    // An IP needs no lookup, so net would skip the guarded one.
    if (isIP(bare) && refuse(bare)) {
      setImmediate(() => callback(new RefusedAddress(bare, bare)));
      return;
    }
    let socket: Socket | undefined;
    let settled = false;
    const settle = (err: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        socket?.destroy();
        callback(err);
      } else if (socket) callback(null, { connection: socket });
    };
    const timer = setTimeout(
      () =>
        settle(
          Object.assign(new Error(`Connection timeout after ${String(timeoutMs)} ms`), { code: 'ETIMEDOUT' }),
        ),
      timeoutMs,
    );
    try {
      socket = connect({ host: bare, port, lookup: guardedLookup(refuse) });
    } catch (e) {
      setImmediate(() => settle(e instanceof Error ? e : new Error(String(e))));
      return;
    }
    // Errors after the connection are nodemailer's to handle; this listener stays harmless.
    socket.once('error', settle);
    socket.once('connect', () => settle(null));
  };
}

/**
 * A mailer for an organization's own SMTP server. Unless `allowPrivate`, a host that resolves (when
 * each connection is opened) to a loopback or private address is refused: a tenant must not use
 * the hub to reach its own network.
 */
export function createServerMailer(
  server: SmtpServer,
  options: { allowPrivate: boolean; timeoutMs?: number },
): Mailer {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const refuse = options.allowPrivate ? () => false : isPrivateAddress;
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
    getSocket: guardedSocket(server.host, server.port, refuse, timeoutMs),
    ...(server.username ? { auth: { user: server.username, pass: server.password ?? '' } } : {}),
  });
  const refusedMessage = `The SMTP server ${server.host.replace(/^\[|\]$/g, '')} is in a private network; the operator can allow this with CROSSPOINT_SMTP_ALLOW_PRIVATE=true.`;
  return smtpMailer(transport, server.from, timeoutMs, refusedMessage);
}
