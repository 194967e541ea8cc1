import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { alertDeliveries, organizations } from '../db/schema/index.ts';
import { inOrgScope, type OrgScope } from './org-scope.ts';

export type DeliveryRecord = typeof alertDeliveries.$inferSelect;

export interface DeliveryFilter {
  status?: DeliveryRecord['status'] | undefined;
  channel?: DeliveryRecord['channel'] | undefined;
  incidentId?: string | undefined;
}

/** The alert delivery queue: claimed with a lease, so several hubs share it and none sends a row twice. */
export class AlertDeliveryRepository {
  constructor(private readonly db: Db) {}

  /**
   * Claims up to `limit` due rows for this sender: queued ones whose time has come, and ones whose
   * sender's lease ran out (a hub that died mid-send). SKIP LOCKED lets several hubs claim at once
   * without waiting on, or taking, each other's rows.
   */
  async claim(limit: number, now: Date, leaseUntil: Date, token: string): Promise<DeliveryRecord[]> {
    return this.db
      .update(alertDeliveries)
      .set({
        status: 'sending',
        attempts: sql`${alertDeliveries.attempts} + 1`,
        leaseUntil,
        leaseToken: token,
      })
      .where(
        sql`${alertDeliveries.id} IN (
          SELECT id FROM alert_deliveries
          WHERE (status = 'queued' AND next_attempt_at <= ${now}) OR (status = 'sending' AND lease_until < ${now})
          ORDER BY next_attempt_at, id
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)`,
      )
      .returning();
  }

  /** Records the outcome of a claimed row; false when the lease was lost to another sender meanwhile. */
  async finish(
    id: number,
    token: string,
    outcome:
      { status: 'sent' | 'kept'; at: Date } | { status: 'queued' | 'failed'; error: string; retryAt: Date },
  ): Promise<boolean> {
    const set =
      'at' in outcome
        ? { status: outcome.status, sentAt: outcome.at, lastError: null, leaseUntil: null, leaseToken: null }
        : {
            status: outcome.status,
            lastError: outcome.error.slice(0, 1000),
            nextAttemptAt: outcome.retryAt,
            leaseUntil: null,
            leaseToken: null,
          };
    const rows = await this.db
      .update(alertDeliveries)
      .set(set)
      .where(
        and(
          eq(alertDeliveries.id, id),
          eq(alertDeliveries.leaseToken, token),
          eq(alertDeliveries.status, 'sending'),
        ),
      )
      .returning({ id: alertDeliveries.id });
    return rows.length === 1;
  }

  async forIncident(orgId: string, incidentId: string): Promise<DeliveryRecord[]> {
    return this.db
      .select()
      .from(alertDeliveries)
      .where(and(eq(alertDeliveries.orgId, orgId), eq(alertDeliveries.incidentId, incidentId)))
      .orderBy(asc(alertDeliveries.id));
  }

  /** The delivery log, newest first. */
  async list(
    scope: OrgScope,
    filter: DeliveryFilter,
    page: { limit: number; beforeId?: number | undefined },
  ): Promise<{ rows: (DeliveryRecord & { orgName: string })[]; total: number }> {
    const where = and(
      inOrgScope(alertDeliveries.orgId, scope),
      filter.status ? eq(alertDeliveries.status, filter.status) : undefined,
      filter.channel ? eq(alertDeliveries.channel, filter.channel) : undefined,
      filter.incidentId ? eq(alertDeliveries.incidentId, filter.incidentId) : undefined,
    );
    const [totalRow] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(alertDeliveries)
      .where(where);
    const rows = await this.db
      .select({ delivery: alertDeliveries, orgName: organizations.name })
      .from(alertDeliveries)
      .innerJoin(organizations, eq(organizations.id, alertDeliveries.orgId))
      .where(and(where, page.beforeId !== undefined ? lt(alertDeliveries.id, page.beforeId) : undefined))
      .orderBy(desc(alertDeliveries.id))
      .limit(page.limit + 1);
    return { rows: rows.map((r) => ({ ...r.delivery, orgName: r.orgName })), total: totalRow?.n ?? 0 };
  }
}
