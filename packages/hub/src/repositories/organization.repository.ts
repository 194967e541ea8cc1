import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { agentAccounts, clientTerms, memberships, organizations } from '../db/schema/index.ts';
import { rowsOf } from './raw-rows.ts';

export type OrgRecord = typeof organizations.$inferSelect;
export type NewOrg = typeof organizations.$inferInsert;

export interface ClientListFilter {
  search?: string | undefined;
  status?: string | undefined;
  today: string;
}

/** SQL for the derived client status, so lists can filter and sort on it. */
const statusSql = (today: string) => sql<string>`CASE
  WHEN ${organizations.planEnd} < ${today}::date THEN 'Expired'
  WHEN ${organizations.planMaxDevices} IS NOT NULL AND (SELECT count(*) FROM devices d WHERE d.org_id = "organizations"."id" AND d.kind = 'pro-audio') > ${organizations.planMaxDevices} THEN 'Overflow'
  WHEN ${organizations.activatedAt} IS NULL THEN 'Invited'
  ELSE 'Active' END`;

export class OrganizationRepository {
  constructor(private readonly db: Db) {}

  async create(values: NewOrg): Promise<OrgRecord> {
    const [row] = await this.db.insert(organizations).values(values).returning();
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  async nextAccountNumber(): Promise<string> {
    const n = rowsOf<{ n: string }>(
      await this.db.execute(sql`SELECT nextval('client_account_number')::text AS n`),
    )[0]?.n;
    if (!n) throw new Error('client_account_number sequence returned nothing');
    return `C${n}`;
  }

  async byId(id: string): Promise<OrgRecord | undefined> {
    const [row] = await this.db.select().from(organizations).where(eq(organizations.id, id));
    return row;
  }

  /** By account number (C10000) or, for organizations without one, by id. */
  async byCode(code: string): Promise<OrgRecord | undefined> {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(code);
    const [row] = await this.db
      .select()
      .from(organizations)
      .where(isUuid ? eq(organizations.id, code) : eq(organizations.accountNumber, code.toUpperCase()));
    return row;
  }

  async byIds(ids: string[]): Promise<OrgRecord[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(organizations).where(inArray(organizations.id, ids));
  }

  async byKind(kind: OrgRecord['kind']): Promise<OrgRecord[]> {
    return this.db
      .select()
      .from(organizations)
      .where(eq(organizations.kind, kind))
      .orderBy(asc(organizations.createdAt));
  }

  /** Client organizations without a support organization of which the user is an Owner, by name. */
  async availableClients(userId: string): Promise<OrgRecord[]> {
    const rows = await this.db
      .select({ org: organizations })
      .from(organizations)
      .innerJoin(memberships, eq(memberships.orgId, organizations.id))
      .where(
        and(
          eq(organizations.kind, 'client'),
          isNull(organizations.parentId),
          eq(memberships.userId, userId),
          eq(memberships.role, 'owner'),
        ),
      )
      .orderBy(asc(sql`lower(${organizations.name})`));
    return rows.map((r) => r.org);
  }

  async children(parentId: string): Promise<OrgRecord[]> {
    return this.db.select().from(organizations).where(eq(organizations.parentId, parentId));
  }

  async update(id: string, values: Partial<NewOrg>): Promise<OrgRecord | undefined> {
    const [row] = await this.db.update(organizations).set(values).where(eq(organizations.id, id)).returning();
    return row;
  }

  /** A support organization attaches an existing client: its term opens now. */
  async openClientTerm(clientId: string, supportId: string, at: Date): Promise<void> {
    await this.db.insert(clientTerms).values({ clientId, supportId, startedAt: at });
  }

  /**
   * A support organization releases a client: its open term ends now, or (a client it created, which
   * has no term) a term from its creation until now is recorded.
   */
  async closeClientTerm(clientId: string, supportId: string, at: Date): Promise<void> {
    const open = and(
      eq(clientTerms.clientId, clientId),
      eq(clientTerms.supportId, supportId),
      isNull(clientTerms.endedAt),
    );
    const closed = await this.db
      .update(clientTerms)
      .set({ endedAt: at })
      .where(open)
      .returning({ id: clientTerms.id });
    if (closed.length === 0) await this.db.insert(clientTerms).values({ clientId, supportId, endedAt: at });
  }

  /** Sets the device pool; false when it already was that (another hub changed it first). */
  async setDevicePool(id: string, pool: number): Promise<boolean> {
    const rows = await this.db
      .update(organizations)
      .set({ devicePool: pool })
      .where(and(eq(organizations.id, id), sql`${organizations.devicePool} IS DISTINCT FROM ${pool}`))
      .returning({ id: organizations.id });
    return rows.length === 1;
  }

  async markActivated(ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .update(organizations)
      .set({ activatedAt: at })
      .where(and(inArray(organizations.id, ids), isNull(organizations.activatedAt)));
  }

  /** Devices allocated to the clients of a support org (sum of their plans), optionally without one client. */
  async allocated(parentId: string, exceptClientId?: string): Promise<number> {
    const [row] = await this.db
      .select({ total: sql<string>`coalesce(sum(${organizations.planMaxDevices}), 0)` })
      .from(organizations)
      .where(
        and(
          eq(organizations.parentId, parentId),
          eq(organizations.kind, 'client'),
          exceptClientId ? sql`${organizations.id} <> ${exceptClientId}` : undefined,
        ),
      );
    return Number(row?.total ?? 0);
  }

  /** Pro Audio devices monitored (not Overflowed) in an organization and its clients: the pool's usage. */
  async poolMonitored(orgId: string): Promise<number> {
    const result = await this.db.execute(sql`
      SELECT count(*)::int AS n FROM devices d JOIN device_state s ON s.device_id = d.id
      WHERE d.kind = 'pro-audio' AND NOT s.overflowed
        AND d.org_id IN (SELECT id FROM organizations WHERE id = ${orgId} OR parent_id = ${orgId})`);
    const [row] = rowsOf<{ n: number }>(result);
    return row?.n ?? 0;
  }

  async counts(orgId: string): Promise<{ users: number; servers: number; clients: number }> {
    const [u] = await this.db.select({ n: count() }).from(memberships).where(eq(memberships.orgId, orgId));
    const [s] = await this.db
      .select({ n: count() })
      .from(agentAccounts)
      .where(eq(agentAccounts.orgId, orgId));
    const [c] = await this.db
      .select({ n: count() })
      .from(organizations)
      .where(eq(organizations.parentId, orgId));
    return { users: u?.n ?? 0, servers: s?.n ?? 0, clients: c?.n ?? 0 };
  }

  /** The clients table of a support org: search, status filter, sort and keyset paging. */
  async listClients(
    parentId: string,
    filter: ClientListFilter,
    page: {
      sort: string;
      order: 'asc' | 'desc';
      limit: number;
      after?: { value: string | number | null; id: string } | undefined;
    },
  ): Promise<{
    rows: (OrgRecord & { status: string; servers: number; devices: number; sortKey: string })[];
    total: number;
  }> {
    const status = statusSql(filter.today);
    // Written out: inside a select list drizzle leaves columns unqualified, which a subquery would misread.
    const servers = sql<number>`(SELECT count(*)::int FROM agent_accounts a WHERE a.org_id = "organizations"."id")`;
    const devices = sql<number>`(SELECT count(*)::int FROM devices d WHERE d.org_id = "organizations"."id" AND d.kind = 'pro-audio')`;
    const sortColumn: Record<string, SQL> = {
      name: sql`lower(${organizations.name})`,
      accountNumber: sql`${organizations.accountNumber}`,
      start: sql`coalesce(${organizations.planStart}, '1970-01-01'::date)`,
      end: sql`coalesce(${organizations.planEnd}, '1970-01-01'::date)`,
      devicesAllocated: sql`coalesce(${organizations.planMaxDevices}, 0)`,
      status,
    };
    const key = sortColumn[page.sort] ?? sortColumn.name;
    const where = and(
      eq(organizations.parentId, parentId),
      eq(organizations.kind, 'client'),
      filter.search
        ? or(
            ilike(organizations.name, `%${escapeLike(filter.search)}%`),
            ilike(organizations.accountNumber, `%${escapeLike(filter.search)}%`),
            ilike(organizations.clientReference, `%${escapeLike(filter.search)}%`),
          )
        : undefined,
      filter.status ? sql`${status} = ${filter.status}` : undefined,
    );
    const [totalRow] = await this.db.select({ n: count() }).from(organizations).where(where);
    const cmp = page.order === 'asc' ? gt : lt;
    const after = page.after
      ? or(
          cmp(sql`${key}`, page.after.value),
          and(sql`${key} = ${page.after.value}`, cmp(organizations.id, page.after.id)),
        )
      : undefined;
    const dir = page.order === 'asc' ? asc : desc;
    const rows = await this.db
      .select({ org: organizations, status, servers, devices, sortKey: sql<string>`(${key})::text` })
      .from(organizations)
      .where(and(where, after))
      .orderBy(dir(sql`${key}`), dir(organizations.id))
      .limit(page.limit + 1);
    return {
      rows: rows.map((r) => ({
        ...r.org,
        status: r.status,
        servers: r.servers,
        devices: r.devices,
        sortKey: r.sortKey,
      })),
      total: totalRow?.n ?? 0,
    };
  }
}

export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
