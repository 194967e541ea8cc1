import nodemailer from 'nodemailer';
import { ChannelError } from './channel-error.ts';

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

export function createMailer(smtpUrl: string | undefined, from: string): Mailer {
  if (!smtpUrl) {
    return {
      kind: 'none',
      send: () => Promise.reject(new Error('No SMTP server is configured.')),
      close: () => undefined,
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    kind: 'smtp',
    send: async (mail) => {
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
