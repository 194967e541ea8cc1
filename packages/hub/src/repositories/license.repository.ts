import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { licenses } from '../db/schema/index.ts';

export type LicenseRecord = typeof licenses.$inferSelect;

export class LicenseRepository {
  constructor(private readonly db: Db) {}

  async install(values: typeof licenses.$inferInsert): Promise<LicenseRecord> {
    const [row] = await this.db.insert(licenses).values(values).returning();
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  /** The newest license installed for an organization. */
  async current(orgId: string): Promise<LicenseRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(licenses)
      .where(eq(licenses.orgId, orgId))
      .orderBy(desc(licenses.installedAt))
      .limit(1);
    return row;
  }
}
