import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { jobs } from '../db/schema/index.ts';

export type JobRecord = typeof jobs.$inferSelect;

export class JobRepository {
  constructor(private readonly db: Db) {}

  async create(values: typeof jobs.$inferInsert): Promise<JobRecord> {
    const [row] = await this.db.insert(jobs).values(values).returning();
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  async update(id: string, values: Partial<typeof jobs.$inferInsert>): Promise<JobRecord | undefined> {
    const [row] = await this.db.update(jobs).set(values).where(eq(jobs.id, id)).returning();
    return row;
  }

  async byId(orgId: string, id: string): Promise<JobRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.orgId, orgId), eq(jobs.id, id)));
    return row;
  }

  async recent(orgId: string, deviceId: string | undefined, limit: number): Promise<JobRecord[]> {
    return this.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.orgId, orgId), deviceId ? eq(jobs.deviceId, deviceId) : undefined))
      .orderBy(desc(jobs.createdAt))
      .limit(limit);
  }
}
