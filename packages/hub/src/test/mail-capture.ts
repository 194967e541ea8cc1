import type { MailService, WrittenMail } from '../services/mail.service.ts';

// The outbox keeps sign-in links redacted; tests follow them the way the process that wrote a
// mail can: by watching the mail service from the start (test hubs do it for every hub).
const written = new WeakMap<MailService, WrittenMail[]>();

/** Keeps every mail `mail` writes from now on, links intact. */
export function captureMail(mail: MailService): void {
  if (written.has(mail)) return;
  const list: WrittenMail[] = [];
  written.set(mail, list);
  mail.watch((m) => list.push(m));
}

/** The newest captured mail to `to`. */
export function newestMail(mail: MailService, to: string): WrittenMail | undefined {
  const list = written.get(mail);
  if (!list)
    throw new Error(
      'This hub’s mail is not captured: start it with startHubForTest, or call captureMail first.',
    );
  return list.findLast((m) => m.to === to.toLowerCase());
}

/** The token of the sign-in link (invitation or reset) in the newest captured mail to `to`. */
export function mailedLinkToken(mail: MailService, to: string): string {
  const text = newestMail(mail, to)?.text;
  const token = /token=([A-Za-z0-9_-]+)/.exec(text ?? '')?.[1];
  if (!token) throw new Error(`no link in the newest mail to ${to}: ${text ?? '(no mail)'}`);
  return token;
}
