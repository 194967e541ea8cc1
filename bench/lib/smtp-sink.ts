// A real SMTP server on loopback that accepts every message and notes when it accepted it (the
// moment it answers 250 to the message's data), with the headers and text the bench matches on.
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';

export interface AcceptedMail {
  /** Wall clock (ms) when the sink accepted the message (right before its 250 answer). */
  at: number;
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

export interface SmtpSink {
  url: string;
  mails: AcceptedMail[];
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: AcceptedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    // No reverse DNS of the client (~100 ms here): the sink must not be what is measured.
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to[0]?.text : parsed.to?.text;
          mails.push({
            at: Date.now(),
            to: to ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            messageId: parsed.messageId ?? '',
          });
          callback();
        })
        .catch((e: unknown) => {
          callback(e as Error);
        });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The baseline: `count` messages sent one at a time from this process through the sink, each on a
 * new connection as the hub's mailer does; returns each send's duration (ms, until the 250).
 */
export async function timeDirectSends(sink: SmtpSink, count: number): Promise<number[]> {
  const transport = nodemailer.createTransport(sink.url);
  const out: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      await transport.sendMail({
        from: 'bench@bench.invalid',
        to: 'baseline@bench.invalid',
        subject: `[bench] baseline ${i}`,
        text: 'A message of about the size of an alert.\n'.repeat(10),
      });
      out.push(performance.now() - t0);
    }
  } finally {
    transport.close();
  }
  return out;
}
