import { and, desc, eq, gte, like, lt, lte, or, ilike, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { auditEvents } from '../db/schema/index.ts';
import { escapeLike } from './organization.repository.ts';

export type AuditRecord = typeof auditEvents.$inferSelect;
export type NewAudit = typeof auditEvents.$inferInsert;

/** Append-only: there is no update or delete here on purpose. */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  async append(entry: NewAudit): Promise<void> {
    await this.db.insert(auditEvents).values(entry);
  }

  async list(
    orgId: string,
    filter: {
      action?: string | undefined;
      actorUserId?: string | undefined;
      from?: Date | undefined;
      to?: Date | undefined;
      search?: string | undefined;
    },
    page: { limit: number; beforeId?: number | undefined },
  ): Promise<{ rows: AuditRecord[]; total: number }> {
    const action = filter.action
      ? filter.action.endsWith('.')
        ? like(auditEvents.action, `${escapeLike(filter.action)}%`)
        : eq(auditEvents.action, filter.action)
      : undefined;
    const search = filter.search ? `%${escapeLike(filter.search)}%` : undefined;
    const where = and(
      eq(auditEvents.orgId, orgId),
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
      .select()
      .from(auditEvents)
      .where(and(where, page.beforeId !== undefined ? lt(auditEvents.id, page.beforeId) : undefined))
      .orderBy(desc(auditEvents.id))
      .limit(page.limit + 1);
    return { rows, total: totalRow?.n ?? 0 };
  }
}
