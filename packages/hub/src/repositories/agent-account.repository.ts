import {
  and,
  asc,
  desc,
  eq,
  gt,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { agentAccounts, locations, organizations } from '../db/schema/index.ts';
import { escapeLike } from './organization.repository.ts';
import { inOrgScope, type OrgScope } from './org-scope.ts';

export type AgentAccountRecord = typeof agentAccounts.$inferSelect;

export class AgentAccountRepository {
  constructor(private readonly db: Db) {}

  async create(values: typeof agentAccounts.$inferInsert): Promise<AgentAccountRecord> {
    const [row] = await this.db.insert(agentAccounts).values(values).returning();
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  async byId(orgId: string, id: string): Promise<AgentAccountRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(agentAccounts)
      .where(and(eq(agentAccounts.orgId, orgId), eq(agentAccounts.id, id)));
    return row;
  }

  async byName(orgId: string, name: string): Promise<AgentAccountRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(agentAccounts)
      .where(and(eq(agentAccounts.orgId, orgId), sql`lower(${agentAccounts.name}) = ${name.toLowerCase()}`));
    return row;
  }

  async update(
    orgId: string,
    id: string,
    values: Partial<typeof agentAccounts.$inferInsert>,
  ): Promise<AgentAccountRecord | undefined> {
    const [row] = await this.db
      .update(agentAccounts)
      .set(values)
      .where(and(eq(agentAccounts.orgId, orgId), eq(agentAccounts.id, id)))
      .returning();
    return row;
  }

  async delete(orgId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(agentAccounts)
      .where(and(eq(agentAccounts.orgId, orgId), eq(agentAccounts.id, id)))
      .returning({ id: agentAccounts.id });
    return rows.length === 1;
  }

  async list(
    scope: OrgScope,
    filter: { search?: string | undefined; status?: string | undefined },
    page: {
      sort: string;
      order: 'asc' | 'desc';
      limit: number;
      after?: { value: string | number | null; id: string } | undefined;
    },
  ): Promise<{
    rows: (AgentAccountRecord & {
      locationName: string | null;
      sortKey: string;
      orgName: string;
      orgCode: string;
    })[];
    total: number;
  }> {
    const status = sql<string>`CASE WHEN ${agentAccounts.disabled} THEN 'Disabled'
      WHEN ${agentAccounts.connectedAt} IS NOT NULL THEN 'Connected' ELSE 'Disconnected' END`;
    const sortColumn: Record<string, SQL> = {
      name: sql`lower(${agentAccounts.name})`,
      status: sql`${status}`,
      deviceCount: sql`${agentAccounts.deviceCount}`,
      lastSeenAt: sql`coalesce(${agentAccounts.lastSeenAt}, '1970-01-01'::timestamptz)`,
      createdAt: sql`${agentAccounts.createdAt}`,
    };
    const key = sortColumn[page.sort] ?? sql`lower(${agentAccounts.name})`;
    const like = filter.search ? `%${escapeLike(filter.search)}%` : undefined;
    // The organization part of an agent login: the account number, or the id of orgs without one.
    const orgCode = sql<string>`coalesce(${organizations.accountNumber}, ${organizations.id}::text)`;
    const where = and(
      inOrgScope(agentAccounts.orgId, scope),
      like
        ? or(
            // The agent login is <name>@<organization code>: a pasted login finds its account.
            ilike(sql`${agentAccounts.name} || '@' || ${orgCode}`, like),
            ilike(agentAccounts.agentVersion, like),
          )
        : undefined,
      filter.status ? sql`${status} = ${filter.status}` : undefined,
    );
    const [totalRow] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(agentAccounts)
      .innerJoin(organizations, eq(organizations.id, agentAccounts.orgId))
      .where(where);
    const cmp = page.order === 'asc' ? gt : lt;
    const after = page.after
      ? or(
          cmp(key, page.after.value),
          and(sql`${key} = ${page.after.value}`, cmp(agentAccounts.id, page.after.id)),
        )
      : undefined;
    const dir = page.order === 'asc' ? asc : desc;
    const rows = await this.db
      .select({
        a: agentAccounts,
        locationName: locations.name,
        sortKey: sql<string>`(${key})::text`,
        orgName: organizations.name,
        orgCode,
      })
      .from(agentAccounts)
      .innerJoin(organizations, eq(organizations.id, agentAccounts.orgId))
      .leftJoin(locations, eq(locations.id, agentAccounts.locationId))
      .where(and(where, after))
      .orderBy(dir(key), dir(agentAccounts.id))
      .limit(page.limit + 1);
    return {
      rows: rows.map((r) => ({
        ...r.a,
        locationName: r.locationName,
        sortKey: r.sortKey,
        orgName: r.orgName,
        orgCode: r.orgCode,
      })),
      total: totalRow?.n ?? 0,
    };
  }

  async lastSeq(id: string): Promise<number> {
    const [row] = await this.db
      .select({ lastSeq: agentAccounts.lastSeq })
      .from(agentAccounts)
      .where(eq(agentAccounts.id, id));
    return row?.lastSeq ?? -1;
  }

  async advanceSeq(id: string, seq: number): Promise<void> {
    await this.db
      .update(agentAccounts)
      .set({ lastSeq: seq })
      .where(and(eq(agentAccounts.id, id), lt(agentAccounts.lastSeq, seq)));
  }

  /**
   * Agents marked connected that have not been heard from since `before` (their hub died without
   * saying goodbye): marked disconnected. Returns their organizations.
   */
  async disconnectSilent(before: Date): Promise<string[]> {
    const rows = await this.db
      .update(agentAccounts)
      .set({ connectedAt: null, monitoring: 'off' })
      .where(and(isNotNull(agentAccounts.connectedAt), lt(agentAccounts.lastSeenAt, before)))
      .returning({ orgId: agentAccounts.orgId });
    return [...new Set(rows.map((r) => r.orgId))];
  }

  /**
   * The agent's link to hub `hubId` closed: disconnected, unless it is linked to another hub by now
   * (it reconnected there before this hub noticed). Returns whether it was marked.
   */
  async disconnectFrom(orgId: string, id: string, hubId: string, at: Date): Promise<boolean> {
    const rows = await this.db
      .update(agentAccounts)
      .set({ connectedAt: null, hubId: null, lastSeenAt: at })
      .where(
        and(
          eq(agentAccounts.orgId, orgId),
          eq(agentAccounts.id, id),
          or(eq(agentAccounts.hubId, hubId), isNull(agentAccounts.hubId)),
        ),
      )
      .returning({ id: agentAccounts.id });
    return rows.length === 1;
  }

  /** The agents linked to hub processes that are gone: marked disconnected. Returns their organizations. */
  async disconnectHubs(hubIds: string[]): Promise<string[]> {
    if (hubIds.length === 0) return [];
    const rows = await this.db
      .update(agentAccounts)
      .set({ connectedAt: null, hubId: null, monitoring: 'off' })
      .where(and(inArray(agentAccounts.hubId, hubIds), isNotNull(agentAccounts.connectedAt)))
      .returning({ orgId: agentAccounts.orgId });
    return [...new Set(rows.map((r) => r.orgId))];
  }
}
