import { isNull } from 'drizzle-orm';
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

  /**
   * The installation's one public URL: `offered` is stored if none is yet (the first hub started
   * with one wins a race); returns the stored one (null when none was ever given).
   */
  async publicUrl(offered: string | undefined): Promise<string | null> {
    if (offered)
      await this.db.update(installation).set({ publicUrl: offered }).where(isNull(installation.publicUrl));
    const [row] = await this.db.select({ publicUrl: installation.publicUrl }).from(installation).limit(1);
    return row?.publicUrl ?? null;
  }
}
