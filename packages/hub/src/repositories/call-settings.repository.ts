import { eq } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { callSettings } from '../db/schema/index.ts';

export type CallSettingsRecord = typeof callSettings.$inferSelect;

/** Organizations' STUN/TURN servers for calls (credentials sealed by the service). */
export class CallSettingsRepository {
  constructor(private readonly db: Db) {}

  async of(orgId: string): Promise<CallSettingsRecord | undefined> {
    const [row] = await this.db.select().from(callSettings).where(eq(callSettings.orgId, orgId));
    return row;
  }

  async set(values: typeof callSettings.$inferInsert): Promise<void> {
    await this.db
      .insert(callSettings)
      .values(values)
      .onConflictDoUpdate({ target: callSettings.orgId, set: { ...values, orgId: undefined } });
  }

  async clear(orgId: string): Promise<void> {
    await this.db.delete(callSettings).where(eq(callSettings.orgId, orgId));
  }
}
