import type { Mailer } from '../adapters/mailer.ts';
import type { Sealer } from '../adapters/sealer.ts';
import type { OutboxRepository, OutboxRecord } from '../repositories/outbox.repository.ts';
import type { Clock } from './context.ts';
import { SerialRunner } from './serial-runner.ts';

const maxAttempts = 5;

/** The sign-in token of a reset or invitation link (`…?token=<secret>`), as the hub writes them. */
const linkToken = /([?&]token=)[A-Za-z0-9_-]+/g;

/** The text with the tokens of its sign-in links replaced, as the outbox keeps it. */
export const redactLinks = (text: string): string => text.replace(linkToken, '$1[redacted]');

const outboxSealContext = (to: string) => `outbox:${to}`;

/** A file to attach, named by what makes it (e.g. `invoice-pdf`) and whose it is. */
export interface AttachmentRef {
  kind: string;
  orgId: string;
  id: string;
}
export interface Attachment {
  filename: string;
  contentType: string;
  content: Buffer;
}
/** Makes the file of one kind of attachment when its mail is sent. */
export type AttachmentMaker = (ref: AttachmentRef) => Promise<Attachment>;

/** A message as written, with its links: given to watchers (`MailService.watch`), never stored as is. */
export interface WrittenMail {
  id: number;
  to: string;
  subject: string;
  text: string;
  kind: string;
}

/**
 * Mail goes to the outbox table first (so nothing is lost if the hub stops), then a sender loop
 * delivers it through SMTP with retries. Without SMTP it stays in the outbox as "kept", readable by
 * the operator through the API.
 *
 * The outbox never holds a usable sign-in link: its text has the tokens of reset and invitation
 * links redacted, and the text to send is kept sealed under the hub's secret key (which is not in
 * the database) only until it is sent or given up. The process that writes a mail can watch it
 * (`watch`) to hand the link on: the admin commands print it, tests follow it.
 */
export class MailService {
  private timer: NodeJS.Timeout | undefined;
  private readonly runner: SerialRunner;
  private readonly watchers = new Set<(mail: WrittenMail) => void>();
  private readonly makers = new Map<string, AttachmentMaker>();
  /** Kinds of mail an organization sends in its own name, and its mail server. */
  private orgRoute: { kinds: Set<string>; mailerFor: (orgId: string) => Promise<Mailer> } | undefined;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly mailer: Mailer,
    private readonly sealer: Sealer,
    private readonly clock: Clock,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {
    this.runner = new SerialRunner(() => this.deliver(), onError);
  }

  /** Registers what makes the attachments of `kind` (the composition root does, for each kind). */
  makeAttachments(kind: string, maker: AttachmentMaker): void {
    this.makers.set(kind, maker);
  }

  /**
   * Mail of these kinds (an invoice, a payment reminder) goes through the mail server of the
   * organization it is queued for — its own, else its support organization's, else the hub's — so
   * it comes from the organization's address. Registered by the composition root.
   */
  sendThroughOrganizations(kinds: string[], mailerFor: (orgId: string) => Promise<Mailer>): void {
    this.orgRoute = { kinds: new Set(kinds), mailerFor };
  }

  async queue(mail: {
    to: string;
    subject: string;
    text: string;
    kind: string;
    orgId?: string | null;
    attachments?: AttachmentRef[];
  }): Promise<OutboxRecord> {
    const send = (await this.mailerOf(mail.kind, mail.orgId ?? null)).kind === 'smtp';
    const row = await this.store(mail, send ? 'queued' : 'kept');
    if (send) this.kick();
    return row;
  }

  /** Keeps a message in the operator's outbox without sending it (e.g. an SMS with no SMS provider). */
  async keep(message: {
    to: string;
    subject: string;
    text: string;
    kind: string;
    orgId?: string | null;
  }): Promise<OutboxRecord> {
    return this.store(message, 'kept');
  }

  /** Calls `watcher` with every message written from now on, links intact (in this process only); returns the unwatch. */
  watch(watcher: (mail: WrittenMail) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  private async store(
    mail: {
      to: string;
      subject: string;
      text: string;
      kind: string;
      orgId?: string | null;
      attachments?: AttachmentRef[];
    },
    status: 'queued' | 'kept',
  ): Promise<OutboxRecord> {
    const to = mail.to.toLowerCase();
    const text = redactLinks(mail.text);
    const redacted = text !== mail.text;
    const row = await this.outbox.enqueue({
      to,
      subject: mail.subject,
      text,
      textSealed: redacted && status === 'queued' ? this.sealer.seal(mail.text, outboxSealContext(to)) : null,
      kind: mail.kind,
      orgId: mail.orgId ?? null,
      attachments: mail.attachments?.length ? mail.attachments : null,
      status,
      // Due now by the hub's clock, which the sender reads too (not the database's).
      nextAttemptAt: this.clock(),
    });
    for (const watcher of this.watchers) {
      try {
        watcher({ id: row.id, to, subject: mail.subject, text: mail.text, kind: mail.kind });
      } catch (e) {
        this.onError(e);
      }
    }
    return row;
  }

  /** Starts the sender loop (every `everyMs`, and right after each queued message). */
  start(everyMs = 5000): void {
    if ((this.mailer.kind !== 'smtp' && !this.orgRoute) || this.timer) return;
    this.timer = setInterval(() => this.kick(), everyMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.runner.idle();
    this.mailer.close();
  }

  recent(limit: number, to?: string): Promise<OutboxRecord[]> {
    return this.outbox.recent(limit, to);
  }

  /** Sends what is queued now; resolves when done (tests await it). */
  flush(): Promise<void> {
    this.kick();
    return this.runner.idle();
  }

  private async mailerOf(kind: string, orgId: string | null): Promise<Mailer> {
    const route = this.orgRoute;
    return route && orgId && route.kinds.has(kind) ? route.mailerFor(orgId) : this.mailer;
  }

  private attachment(ref: AttachmentRef): Promise<Attachment> {
    const make = this.makers.get(ref.kind);
    if (!make) return Promise.reject(new Error(`Nothing makes ${ref.kind} attachments in this hub.`));
    return make(ref);
  }

  private kick(): void {
    this.runner.kick();
  }

  private async deliver(): Promise<void> {
    for (;;) {
      const batch = await this.outbox.claimQueued(20, maxAttempts, this.clock());
      if (batch.length === 0) return;
      for (const mail of batch) {
        try {
          // Rows from before sealing hold the plain text; it is redacted once sent or given up.
          const text = mail.textSealed
            ? this.sealer.open(mail.textSealed, outboxSealContext(mail.to))
            : mail.text;
          const attachments = await Promise.all((mail.attachments ?? []).map((a) => this.attachment(a)));
          const mailer = await this.mailerOf(mail.kind, mail.orgId);
          await mailer.send({ to: mail.to, subject: mail.subject, text, attachments });
          await this.outbox.markSent(mail.id, this.clock(), redactLinks(mail.text));
        } catch (e) {
          // Backoff: 10 s, 20 s, 40 s, 80 s between attempts.
          const retryAt = new Date(this.clock().getTime() + 5000 * 2 ** mail.attempts);
          await this.outbox.markFailed(
            mail.id,
            (e as Error).message,
            mail.attempts >= maxAttempts,
            retryAt,
            redactLinks(mail.text),
          );
        }
      }
    }
  }
}
