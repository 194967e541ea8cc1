import { eq, lt } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { hubProcesses } from '../db/schema/index.ts';

/** The hub processes' liveness records (`hub_processes`). */
export class HubPresenceRepository {
  constructor(private readonly db: Db) {}

  /** This hub is alive at `at`. */
  async beat(id: string, startedAt: Date, at: Date): Promise<void> {
    await this.db
      .insert(hubProcesses)
      .values({ id, startedAt, beatAt: at })
      .onConflictDoUpdate({ target: hubProcesses.id, set: { beatAt: at } });
  }

  /**
   * Claims the hubs whose last beat is before `before`: their rows are deleted, so exactly one
   * caller gets each gone hub. Returns their ids.
   */
  async claimGone(before: Date): Promise<string[]> {
    const rows = await this.db
      .delete(hubProcesses)
      .where(lt(hubProcesses.beatAt, before))
      .returning({ id: hubProcesses.id });
    return rows.map((r) => r.id);
  }

  /** This hub stops (it said goodbye to its agents first). */
  async remove(id: string): Promise<void> {
    await this.db.delete(hubProcesses).where(eq(hubProcesses.id, id));
  }

  async count(): Promise<number> {
    return (await this.db.select({ id: hubProcesses.id }).from(hubProcesses)).length;
  }
}
