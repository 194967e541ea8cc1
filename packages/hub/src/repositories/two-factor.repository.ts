import { and, count, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { pendingSignIns, recoveryCodes, users } from '../db/schema/index.ts';

export type PendingSignInRecord = typeof pendingSignIns.$inferSelect;

/** Two-factor state that is not on the user row: recovery codes and sign-ins waiting for a code. */
export class TwoFactorRepository {
  constructor(private readonly db: Db) {}

  /** Replaces the user's recovery codes. */
  async replaceRecoveryCodes(userId: string, codeHashes: string[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      if (codeHashes.length) {
        await tx.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
      }
    });
  }

  /** Spends one recovery code; false when it is unknown or was used already. */
  async useRecoveryCode(userId: string, codeHash: string, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(recoveryCodes.userId, userId),
          eq(recoveryCodes.codeHash, codeHash),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ h: recoveryCodes.codeHash });
    return rows.length === 1;
  }

  async recoveryCodesLeft(userId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
    return row?.n ?? 0;
  }

  /**
   * Records the time step of an accepted code; false when that step (or a later one) was used
   * already, so a code seen over someone's shoulder cannot be replayed.
   */
  async useTotpStep(userId: string, step: number): Promise<boolean> {
    const rows = await this.db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    return rows.length === 1;
  }

  async createPending(values: typeof pendingSignIns.$inferInsert): Promise<void> {
    await this.db.insert(pendingSignIns).values(values);
  }

  async pending(tokenHash: string, now: Date): Promise<PendingSignInRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(pendingSignIns)
      .where(and(eq(pendingSignIns.tokenHash, tokenHash), gt(pendingSignIns.expiresAt, now)));
    return row;
  }

  /** Counts a wrong code; answers the failures so far. */
  async failPending(tokenHash: string): Promise<number> {
    const [row] = await this.db
      .update(pendingSignIns)
      .set({ failures: sql`${pendingSignIns.failures} + 1` })
      .where(eq(pendingSignIns.tokenHash, tokenHash))
      .returning({ failures: pendingSignIns.failures });
    return row?.failures ?? Number.MAX_SAFE_INTEGER;
  }

  /** Ends a pending sign-in; false when it had ended already (used twice at once). */
  async deletePending(tokenHash: string): Promise<boolean> {
    const rows = await this.db
      .delete(pendingSignIns)
      .where(eq(pendingSignIns.tokenHash, tokenHash))
      .returning({ h: pendingSignIns.tokenHash });
    return rows.length === 1;
  }

  async deleteExpiredPending(now: Date): Promise<void> {
    await this.db.delete(pendingSignIns).where(lt(pendingSignIns.expiresAt, now));
  }
}
