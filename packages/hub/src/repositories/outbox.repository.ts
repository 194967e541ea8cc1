import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { mailOutbox } from '../db/schema/index.ts';

export type OutboxRecord = typeof mailOutbox.$inferSelect;

export class OutboxRepository {
  constructor(private readonly db: Db) {}

  async enqueue(values: typeof mailOutbox.$inferInsert): Promise<OutboxRecord> {
    const [row] = await this.db.insert(mailOutbox).values(values).returning();
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  /**
   * Claims queued mail for sending, for `claimMs`: marks the attempt and moves its next attempt past
   * the claim in one conditional update, so of several hubs claiming at once one gets each message
   * (the others' update finds it no longer due), and a hub that dies mid-send leaves it to be sent
   * again once the claim ran out. A crash never sends twice in a loop.
   */
  async claimQueued(
    limit: number,
    maxAttempts: number,
    now: Date,
    claimMs = 120_000,
  ): Promise<OutboxRecord[]> {
    const due = and(
      eq(mailOutbox.status, 'queued'),
      sql`${mailOutbox.attempts} < ${maxAttempts}`,
      lte(mailOutbox.nextAttemptAt, now),
    );
    const ids = await this.db
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(due)
      .orderBy(asc(mailOutbox.id))
      .limit(limit);
    if (ids.length === 0) return [];
    return this.db
      .update(mailOutbox)
      .set({
        attempts: sql`${mailOutbox.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + claimMs),
      })
      .where(
        and(
          inArray(
            mailOutbox.id,
            ids.map((r) => r.id),
          ),
          due,
        ),
      )
      .returning();
  }

  /** Records a sent message; `text` (redacted) replaces the stored one and the sealed text goes. */
  async markSent(id: number, at: Date, text: string): Promise<void> {
    await this.db
      .update(mailOutbox)
      .set({ status: 'sent', sentAt: at, lastError: null, text, textSealed: null })
      .where(eq(mailOutbox.id, id));
  }

  /** Records a failed attempt; retried at `retryAt` unless it was the last one (then the sealed text goes and `text` stays). */
  async markFailed(id: number, error: string, final: boolean, retryAt: Date, text: string): Promise<void> {
    await this.db
      .update(mailOutbox)
      .set({
        lastError: error,
        status: final ? 'failed' : 'queued',
        nextAttemptAt: retryAt,
        ...(final ? { text, textSealed: null } : {}),
      })
      .where(eq(mailOutbox.id, id));
  }

  async recent(limit: number, to?: string): Promise<OutboxRecord[]> {
    return this.db
      .select()
      .from(mailOutbox)
      .where(to ? eq(mailOutbox.to, to.toLowerCase()) : undefined)
      .orderBy(desc(mailOutbox.id))
      .limit(limit);
  }
}
