import { and, desc, eq, gte, like, lt, lte, or, ilike, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { auditEvents, organizations } from '../db/schema/index.ts';
import { escapeLike } from './organization.repository.ts';
import { inOrgScope, type OrgScope } from './org-scope.ts';

export type AuditRecord = typeof auditEvents.$inferSelect;
export type NewAudit = typeof auditEvents.$inferInsert;

/** Append-only: there is no update or delete here on purpose. */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  async append(entry: NewAudit): Promise<void> {
    await this.db.insert(auditEvents).values(entry);
  }

  async list(
    scope: OrgScope,
    filter: {
      action?: string | undefined;
      actorUserId?: string | undefined;
      from?: Date | undefined;
      to?: Date | undefined;
      search?: string | undefined;
    },
    page: { limit: number; beforeId?: number | undefined },
  ): Promise<{ rows: (AuditRecord & { orgName: string | null })[]; total: number }> {
    const action = filter.action
      ? filter.action.endsWith('.')
        ? like(auditEvents.action, `${escapeLike(filter.action)}%`)
        : eq(auditEvents.action, filter.action)
      : undefined;
    const search = filter.search ? `%${escapeLike(filter.search)}%` : undefined;
    const where = and(
      inOrgScope(auditEvents.orgId, scope),
      action,
      filter.actorUserId ? eq(auditEvents.actorUserId, filter.actorUserId) : undefined,
      filter.from ? gte(auditEvents.at, filter.from) : undefined,
      filter.to ? lte(auditEvents.at, filter.to) : undefined,
      search
        ? or(
            ilike(auditEvents.actor, search),
            ilike(auditEvents.action, search),
            ilike(auditEvents.targetId, search),
          )
        : undefined,
    );
    const [totalRow] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(where);
    const rows = await this.db
      .select({ event: auditEvents, orgName: organizations.name })
      .from(auditEvents)
      .leftJoin(organizations, eq(organizations.id, auditEvents.orgId))
      .where(and(where, page.beforeId !== undefined ? lt(auditEvents.id, page.beforeId) : undefined))
      .orderBy(desc(auditEvents.id))
      .limit(page.limit + 1);
    return { rows: rows.map((r) => ({ ...r.event, orgName: r.orgName })), total: totalRow?.n ?? 0 };
  }
}
