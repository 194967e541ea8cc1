import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { presenceStreams } from '../db/schema/index.ts';
import { rowsOf } from './raw-rows.ts';

/** Open live-events streams per person, on every hub: who is online. */
export class PresenceRepository {
  constructor(private readonly db: Db) {}

  async open(streamId: string, userId: string, at: Date): Promise<void> {
    await this.db
      .insert(presenceStreams)
      .values({ id: streamId, userId, seenAt: at })
      .onConflictDoUpdate({ target: presenceStreams.id, set: { seenAt: at } });
  }

  async close(streamId: string): Promise<void> {
    await this.db.delete(presenceStreams).where(eq(presenceStreams.id, streamId));
  }

  /** Of these people, those with a stream seen since `since`. */
  async online(userIds: readonly string[], since: Date): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = rowsOf<{ user_id: string }>(
      await this.db.execute(sql`
        SELECT DISTINCT user_id FROM presence_streams
        WHERE seen_at >= ${since.toISOString()}::timestamptz
          AND user_id IN (${sql.join(
            userIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`),
    );
    return new Set(rows.map((r) => r.user_id));
  }

  /** Forgets streams not seen since `before` (a hub that died). */
  async sweep(before: Date): Promise<void> {
    await this.db.execute(
      sql`DELETE FROM presence_streams WHERE seen_at < ${before.toISOString()}::timestamptz`,
    );
  }
}
