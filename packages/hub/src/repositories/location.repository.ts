import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { locations } from '../db/schema/index.ts';
import { failOnDuplicate } from './duplicate-error.ts';

export type LocationRecord = typeof locations.$inferSelect;

export class LocationRepository {
  constructor(private readonly db: Db) {}

  /** Every location of an org with how many servers sit directly in it. */
  async all(orgId: string): Promise<(LocationRecord & { servers: number })[]> {
    // Written out: inside a select list drizzle leaves columns unqualified, which a subquery would misread.
    const servers = sql<number>`(SELECT count(*)::int FROM agent_accounts a WHERE a.location_id = "locations"."id")`;
    const rows = await this.db
      .select({ loc: locations, servers })
      .from(locations)
      .where(eq(locations.orgId, orgId));
    return rows.map((r) => ({ ...r.loc, servers: r.servers }));
  }

  async byId(orgId: string, id: string): Promise<LocationRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(locations)
      .where(and(eq(locations.orgId, orgId), eq(locations.id, id)));
    return row;
  }

  async create(values: typeof locations.$inferInsert): Promise<LocationRecord> {
    const [row] = await failOnDuplicate(() => this.db.insert(locations).values(values).returning());
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  async update(
    orgId: string,
    id: string,
    values: Partial<typeof locations.$inferInsert>,
  ): Promise<LocationRecord | undefined> {
    const [row] = await failOnDuplicate(() =>
      this.db
        .update(locations)
        .set(values)
        .where(and(eq(locations.orgId, orgId), eq(locations.id, id)))
        .returning(),
    );
    return row;
  }

  async delete(orgId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(locations)
      .where(and(eq(locations.orgId, orgId), eq(locations.id, id)))
      .returning({ id: locations.id });
    return rows.length === 1;
  }
}
