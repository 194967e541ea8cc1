import { and, asc, desc, eq, gt, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Role } from '@crosspoint/protocol';
import type { Db } from '../db/open-database.ts';
import { memberships, users } from '../db/schema/index.ts';
import { escapeLike } from './organization.repository.ts';

export type UserRecord = typeof users.$inferSelect;
export type MembershipRecord = typeof memberships.$inferSelect;

export interface MemberListPage {
  sort: string;
  order: 'asc' | 'desc';
  limit: number;
  after?: { value: string | number | null; id: string } | undefined;
}

export class UserRepository {
  constructor(private readonly db: Db) {}

  async byId(id: string): Promise<UserRecord | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    return row;
  }

  async byEmail(email: string): Promise<UserRecord | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.email, email.toLowerCase()));
    return row;
  }

  /** Sign-in accepts a username or an email address. */
  async byLogin(login: string): Promise<UserRecord | undefined> {
    const l = login.trim().toLowerCase();
    const [row] = await this.db
      .select()
      .from(users)
      .where(or(eq(users.email, l), sql`lower(${users.username}) = ${l}`))
      .limit(1);
    return row;
  }

  async create(values: typeof users.$inferInsert): Promise<UserRecord> {
    const [row] = await this.db
      .insert(users)
      .values({ ...values, email: values.email.toLowerCase() })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  async update(id: string, values: Partial<typeof users.$inferInsert>): Promise<UserRecord | undefined> {
    const [row] = await this.db.update(users).set(values).where(eq(users.id, id)).returning();
    return row;
  }

  async memberships(userId: string): Promise<MembershipRecord[]> {
    return this.db.select().from(memberships).where(eq(memberships.userId, userId));
  }

  async membership(userId: string, orgId: string): Promise<MembershipRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId)));
    return row;
  }

  async addMembership(userId: string, orgId: string, role: Role): Promise<boolean> {
    const rows = await this.db
      .insert(memberships)
      .values({ userId, orgId, role })
      .onConflictDoNothing()
      .returning();
    return rows.length > 0;
  }

  async setRole(userId: string, orgId: string, role: Role): Promise<void> {
    await this.db
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId)));
  }

  async removeMembership(userId: string, orgId: string): Promise<void> {
    await this.db
      .delete(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId)));
  }

  async ownerCount(orgId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'owner')));
    return row?.n ?? 0;
  }

  /** Members of the given organizations (an org and, for inherited access, its parents). */
  async listMembers(
    orgIds: string[],
    filter: { search?: string | undefined; role?: string | undefined; status?: string | undefined },
    page: MemberListPage,
  ): Promise<{ rows: { user: UserRecord; membership: MembershipRecord; sortKey: string }[]; total: number }> {
    // The name people see: full name, else username, else the email address.
    const name = sql<string>`lower(coalesce(nullif(trim(${users.firstName} || ' ' || ${users.lastName}), ''), ${users.username}, ${users.email}))`;
    const status = sql<string>`CASE WHEN ${users.registeredAt} IS NULL THEN 'Invited' ELSE 'Registered' END`;
    const sortColumn: Record<string, SQL> = {
      name: sql`${name}`,
      email: sql`${users.email}`,
      role: sql`${memberships.role}`,
      status: sql`${status}`,
      lastAccessedAt: sql`coalesce(${users.lastAccessedAt}, '1970-01-01'::timestamptz)`,
    };
    const key = sortColumn[page.sort] ?? sql`${name}`;
    const like = filter.search ? `%${escapeLike(filter.search)}%` : undefined;
    const where = and(
      inArray(memberships.orgId, orgIds),
      like
        ? or(
            ilike(users.email, like),
            ilike(users.firstName, like),
            ilike(users.lastName, like),
            ilike(users.username, like),
          )
        : undefined,
      filter.role ? eq(memberships.role, filter.role as Role) : undefined,
      filter.status ? sql`${status} = ${filter.status}` : undefined,
    );
    const [totalRow] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(where);
    const cmp = page.order === 'asc' ? gt : lt;
    const after = page.after
      ? or(cmp(key, page.after.value), and(sql`${key} = ${page.after.value}`, cmp(users.id, page.after.id)))
      : undefined;
    const dir = page.order === 'asc' ? asc : desc;
    const rows = await this.db
      .select({ user: users, membership: memberships, sortKey: sql<string>`(${key})::text` })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(where, after))
      .orderBy(dir(key), dir(users.id))
      .limit(page.limit + 1);
    return { rows, total: totalRow?.n ?? 0 };
  }
}
