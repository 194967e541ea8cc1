import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { apiTokens, knownAddresses, oneTimeTokens, sessions, signInThrottle } from '../db/schema/index.ts';

export type SessionRecord = typeof sessions.$inferSelect;
export type OneTimeTokenRecord = typeof oneTimeTokens.$inferSelect;
export type ApiTokenRecord = typeof apiTokens.$inferSelect;
export type ThrottleRecord = typeof signInThrottle.$inferSelect;

/** Sessions, one-time links, API tokens and sign-in throttling: everything keyed by a secret's hash. */
export class CredentialRepository {
  constructor(private readonly db: Db) {}

  async createSession(values: typeof sessions.$inferInsert): Promise<void> {
    await this.db.insert(sessions).values(values);
  }

  async session(tokenHash: string, now: Date): Promise<SessionRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
    return row;
  }

  async updateSession(tokenHash: string, values: Partial<typeof sessions.$inferInsert>): Promise<void> {
    await this.db.update(sessions).set(values).where(eq(sessions.tokenHash, tokenHash));
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.userId, userId));
  }

  async deleteExpiredSessions(now: Date): Promise<void> {
    await this.db.delete(sessions).where(lt(sessions.expiresAt, now));
  }

  async createOneTimeToken(values: typeof oneTimeTokens.$inferInsert): Promise<void> {
    await this.db.insert(oneTimeTokens).values(values);
  }

  async oneTimeToken(
    tokenHash: string,
    purpose: OneTimeTokenRecord['purpose'],
    now: Date,
  ): Promise<OneTimeTokenRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(oneTimeTokens)
      .where(
        and(
          eq(oneTimeTokens.tokenHash, tokenHash),
          eq(oneTimeTokens.purpose, purpose),
          isNull(oneTimeTokens.usedAt),
          gt(oneTimeTokens.expiresAt, now),
        ),
      );
    return row;
  }

  /** Marks a link used; false when it was already used (a second click, a replay). */
  async useOneTimeToken(tokenHash: string, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(oneTimeTokens)
      .set({ usedAt: now })
      .where(and(eq(oneTimeTokens.tokenHash, tokenHash), isNull(oneTimeTokens.usedAt)))
      .returning({ h: oneTimeTokens.tokenHash });
    return rows.length === 1;
  }

  async createApiToken(values: typeof apiTokens.$inferInsert): Promise<ApiTokenRecord> {
    const [row] = await this.db.insert(apiTokens).values(values).returning();
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  async apiTokenByHash(tokenHash: string): Promise<ApiTokenRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
    return row;
  }

  async apiTokens(orgId: string): Promise<ApiTokenRecord[]> {
    return this.db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.orgId, orgId), isNull(apiTokens.revokedAt)))
      .orderBy(apiTokens.createdAt);
  }

  async touchApiToken(id: string, at: Date): Promise<void> {
    await this.db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
  }

  async revokeApiToken(orgId: string, id: string, at: Date): Promise<boolean> {
    const rows = await this.db
      .update(apiTokens)
      .set({ revokedAt: at })
      .where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    return rows.length === 1;
  }

  async throttle(keys: string[]): Promise<ThrottleRecord[]> {
    if (keys.length === 0) return [];
    return this.db
      .select()
      .from(signInThrottle)
      .where(
        sql`${signInThrottle.key} IN (${sql.join(
          keys.map((k) => sql`${k}`),
          sql`, `,
        )})`,
      );
  }

  /**
   * Counts one failure against `key` inside a sliding window; when the count reaches `limit`, locks
   * until `lockFor` from now. One statement, so concurrent failures on several hubs all count.
   */
  async recordFailure(
    key: string,
    now: Date,
    windowMs: number,
    limit: number,
    lockMs: number,
  ): Promise<ThrottleRecord> {
    const windowStart = new Date(now.getTime() - windowMs);
    const lockedUntil = new Date(now.getTime() + lockMs);
    const [row] = await this.db
      .insert(signInThrottle)
      .values({ key, failures: 1, windowStartedAt: now, lockedUntil: limit <= 1 ? lockedUntil : null })
      .onConflictDoUpdate({
        target: signInThrottle.key,
        set: {
          failures: sql`CASE WHEN ${signInThrottle.windowStartedAt} < ${windowStart} THEN 1 ELSE ${signInThrottle.failures} + 1 END`,
          windowStartedAt: sql`CASE WHEN ${signInThrottle.windowStartedAt} < ${windowStart} THEN ${now} ELSE ${signInThrottle.windowStartedAt} END`,
          lockedUntil: sql`CASE
            WHEN (CASE WHEN ${signInThrottle.windowStartedAt} < ${windowStart} THEN 1 ELSE ${signInThrottle.failures} + 1 END) >= ${limit}
            THEN ${lockedUntil} ELSE ${signInThrottle.lockedUntil} END`,
        },
      })
      .returning();
    if (!row) throw new Error('upsert returned nothing');
    return row;
  }

  async clearThrottle(key: string): Promise<void> {
    await this.db.delete(signInThrottle).where(eq(signInThrottle.key, key));
  }

  async isKnownAddress(userId: string, ip: string): Promise<boolean> {
    const [row] = await this.db
      .select({ ip: knownAddresses.ip })
      .from(knownAddresses)
      .where(and(eq(knownAddresses.userId, userId), eq(knownAddresses.ip, ip)));
    return row !== undefined;
  }

  async rememberAddress(userId: string, ip: string, at: Date): Promise<void> {
    await this.db
      .insert(knownAddresses)
      .values({ userId, ip, lastSignInAt: at })
      .onConflictDoUpdate({ target: [knownAddresses.userId, knownAddresses.ip], set: { lastSignInAt: at } });
  }
}
