import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { smsVerifications } from '../db/schema/index.ts';

export type SmsVerificationRecord = typeof smsVerifications.$inferSelect;

/** The one number per user waiting for its code. */
export class SmsVerificationRepository {
  constructor(private readonly db: Db) {}

  async pending(userId: string): Promise<SmsVerificationRecord | undefined> {
    const [row] = await this.db.select().from(smsVerifications).where(eq(smsVerifications.userId, userId));
    return row;
  }

  /** A new code replaces any earlier one (and its count of wrong tries). */
  async replace(values: Omit<SmsVerificationRecord, 'attempts'>): Promise<void> {
    await this.db
      .insert(smsVerifications)
      .values({ ...values, attempts: 0 })
      .onConflictDoUpdate({ target: smsVerifications.userId, set: { ...values, attempts: 0 } });
  }

  /** Counts a wrong try; returns the tries made so far with this code (undefined when no code waits). */
  async countWrongTry(userId: string): Promise<number | undefined> {
    const [row] = await this.db
      .update(smsVerifications)
      .set({ attempts: sql`${smsVerifications.attempts} + 1` })
      .where(eq(smsVerifications.userId, userId))
      .returning({ attempts: smsVerifications.attempts });
    return row?.attempts;
  }

  async remove(userId: string): Promise<void> {
    await this.db.delete(smsVerifications).where(eq(smsVerifications.userId, userId));
  }
}
