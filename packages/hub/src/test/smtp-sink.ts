import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  from: string;
  /** The user name the client signed in with, if it did. */
  user: string | undefined;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives (tests only); with `auth`, it demands
 * that user and password; with `delayMs`, it takes that long to accept each message (a slow server).
 */
export async function startSmtpSink(
  options: { auth?: { user: string; pass: string }; delayMs?: number } = {},
): Promise<{
  url: string;
  port: number;
  mails: ReceivedMail[];
  connections: () => number;
  waitFor(to: string, count?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}> {
  const mails: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const auth = options.auth;
  let connections = 0;
  const server = new SMTPServer({
    authOptional: !auth,
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onAuth(a, _session, callback) {
      if (auth && a.username === auth.user && a.password === auth.pass) callback(null, { user: a.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to[0]?.text : parsed.to?.text;
          const user = typeof session.user === 'string' ? session.user : undefined;
          mails.push({
            to: to ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            messageId: parsed.messageId ?? '',
            from: parsed.from?.text ?? '',
            user,
            attachments: parsed.attachments.map((a) => ({
              filename: a.filename ?? '',
              contentType: a.contentType,
              content: a.content,
            })),
          });
          for (const w of waiters.splice(0)) w();
          if (options.delayMs) setTimeout(callback, options.delayMs);
          else callback();
        })
        .catch((e: unknown) => callback(e as Error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    connections: () => connections,
    async waitFor(to, count = 1) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const matching = mails.filter((m) => m.to === to);
        if (matching.length >= count) return matching[count - 1] as ReceivedMail;
        if (Date.now() > deadline)
          throw new Error(
            `no mail #${count} to ${to} within 10 s (got ${mails.map((m) => m.to).join(', ')})`,
          );
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
