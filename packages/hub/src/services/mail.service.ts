import type { Mailer } from '../adapters/mailer.ts';
import type { OutboxRepository, OutboxRecord } from '../repositories/outbox.repository.ts';
import type { Clock } from './context.ts';
import { SerialRunner } from './serial-runner.ts';

const maxAttempts = 5;

/**
 * Mail goes to the outbox table first (so nothing is lost if the hub stops), then a sender loop
 * delivers it through SMTP with retries. Without SMTP it stays in the outbox as "kept", readable by
 * the operator through the API.
 */
export class MailService {
  private timer: NodeJS.Timeout | undefined;
  private readonly runner: SerialRunner;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {
    this.runner = new SerialRunner(() => this.deliver(), onError);
  }

  async queue(mail: { to: string; subject: string; text: string; kind: string; orgId?: string | null }): Promise<OutboxRecord> {
    const row = await this.outbox.enqueue({
      to: mail.to.toLowerCase(),
      subject: mail.subject,
      text: mail.text,
      kind: mail.kind,
      orgId: mail.orgId ?? null,
      status: this.mailer.kind === 'smtp' ? 'queued' : 'kept',
    });
    if (this.mailer.kind === 'smtp') this.kick();
    return row;
  }

  /** Keeps a message in the operator's outbox without sending it (e.g. an SMS with no SMS provider). */
  async keep(message: { to: string; subject: string; text: string; kind: string; orgId?: string | null }): Promise<OutboxRecord> {
    return this.outbox.enqueue({ to: message.to.toLowerCase(), subject: message.subject, text: message.text, kind: message.kind, orgId: message.orgId ?? null, status: 'kept' });
  }

  /** Starts the sender loop (every `everyMs`, and right after each queued message). */
  start(everyMs = 5000): void {
    if (this.mailer.kind !== 'smtp' || this.timer) return;
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

  private kick(): void {
    this.runner.kick();
  }

  private async deliver(): Promise<void> {
    for (;;) {
      const batch = await this.outbox.claimQueued(20, maxAttempts, this.clock());
      if (batch.length === 0) return;
      for (const mail of batch) {
        try {
          await this.mailer.send({ to: mail.to, subject: mail.subject, text: mail.text });
          await this.outbox.markSent(mail.id, this.clock());
        } catch (e) {
          // Backoff: 10 s, 20 s, 40 s, 80 s between attempts.
          const retryAt = new Date(this.clock().getTime() + 5000 * 2 ** mail.attempts);
          await this.outbox.markFailed(mail.id, (e as Error).message, mail.attempts >= maxAttempts, retryAt);
        }
      }
    }
  }
}
