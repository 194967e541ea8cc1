import type { Db } from '../db/open-database.ts';
import { installation } from '../db/schema/index.ts';

export interface InstallationRecord {
  id: string;
  createdAt: Date;
}

export class InstallationRepository {
  constructor(private readonly db: Db) {}

  /** Returns the installation row, creating it on the first start (race-safe across hubs). */
  async ensure(): Promise<InstallationRecord> {
    await this.db.insert(installation).values({}).onConflictDoNothing();
    const [row] = await this.db
      .select({ id: installation.id, createdAt: installation.createdAt })
      .from(installation)
      .limit(1);
    if (!row) throw new Error('installation row missing after insert');
    return row;
  }
}
