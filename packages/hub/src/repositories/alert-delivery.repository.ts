import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { alertDeliveries, organizations } from '../db/schema/index.ts';
import { inOrgScope, type OrgScope } from './org-scope.ts';
import { rowsOf } from './raw-rows.ts';

export type DeliveryRecord = typeof alertDeliveries.$inferSelect;

export interface DeliveryFilter {
  status?: DeliveryRecord['status'] | undefined;
  channel?: DeliveryRecord['channel'] | undefined;
  incidentId?: string | undefined;
}

/** A claimed row: this sender's until its lease runs out. */
const claimedBy = (leaseUntil: Date, token: string) => ({
  status: 'sending' as const,
  attempts: sql`${alertDeliveries.attempts} + 1`,
  leaseUntil,
  leaseToken: token,
});

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
      .set(claimedBy(leaseUntil, token))
      .where(
        sql`${alertDeliveries.id} IN (
          SELECT id FROM alert_deliveries
          WHERE group_key IS NULL
            AND ((status = 'queued' AND next_attempt_at <= ${now}) OR (status = 'sending' AND lease_until < ${now}))
          ORDER BY next_attempt_at, id
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)`,
      )
      .returning();
  }

  /**
   * Claims the rows of up to `limit` message groups whose digest is due (docs/alerts.md, "Grouped
   * messages"), all rows of a group at once: the group's row is locked (SKIP LOCKED), so one
   * sender claims a digest and no other hub sends a second one; a group still being queued into (its
   * row locked by the queueing transaction) waits for the next round. Rows a dead sender held
   * (lease run out) are taken over with their group. The claimed groups start a new window.
   */
  async claimGroups(limit: number, now: Date, leaseUntil: Date, token: string): Promise<DeliveryRecord[]> {
    return this.db.transaction(async (tx) => {
      const keys = rowsOf<{ key: string }>(
        await tx.execute(sql`
          SELECT g.key FROM alert_delivery_groups g
          WHERE EXISTS (
            SELECT 1 FROM alert_deliveries d
            WHERE d.group_key = g.key AND d.status IN ('queued', 'sending')
              AND ((d.status = 'queued' AND d.next_attempt_at <= ${now} AND g.due_at <= ${now})
                OR (d.status = 'sending' AND d.lease_until < ${now})))
          ORDER BY g.due_at
          LIMIT ${limit}
          FOR UPDATE OF g SKIP LOCKED`),
      ).map((r) => r.key);
      if (keys.length === 0) return [];
      const rows = await tx
        .update(alertDeliveries)
        .set(claimedBy(leaseUntil, token))
        .where(
          and(
            inArray(alertDeliveries.groupKey, keys),
            sql`((${alertDeliveries.status} = 'queued' AND ${alertDeliveries.nextAttemptAt} <= ${now}
                  AND EXISTS (SELECT 1 FROM alert_delivery_groups g WHERE g.key = ${alertDeliveries.groupKey} AND g.due_at <= ${now}))
                OR (${alertDeliveries.status} = 'sending' AND ${alertDeliveries.leaseUntil} < ${now}))`,
          ),
        )
        .returning();
      await tx.execute(sql`
        UPDATE alert_delivery_groups SET held = 0, first_held_at = NULL, lead_at = ${now}::timestamptz
        WHERE key IN (${sql.join(
          keys.map((k) => sql`${k}`),
          sql`, `,
        )}) AND held > 0 AND due_at <= ${now}::timestamptz`);
      return rows;
    });
  }

  /** When the next held digest is due (the sender wakes then); undefined when none is held. */
  async nextGroupDue(): Promise<Date | undefined> {
    const [row] = rowsOf<{ due: Date | string | null }>(
      await this.db.execute(sql`SELECT min(due_at) AS due FROM alert_delivery_groups WHERE held > 0`),
    );
    return row?.due ? new Date(row.due) : undefined;
  }

  /** Forgets groups quiet since `before` with nothing queued (the next message of one leads again). */
  async sweepGroups(before: Date): Promise<void> {
    await this.db.execute(sql`
      DELETE FROM alert_delivery_groups g
      WHERE g.held = 0 AND g.lead_at < ${before}::timestamptz
        AND NOT EXISTS (
          SELECT 1 FROM alert_deliveries d WHERE d.group_key = g.key AND d.status IN ('queued', 'sending'))`);
  }

  /** Records the outcome of a claimed row (or of the rows a digest carried); false when the lease was lost to another sender meanwhile. */
  async finish(
    id: number | number[],
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
          Array.isArray(id) ? inArray(alertDeliveries.id, id) : eq(alertDeliveries.id, id),
          eq(alertDeliveries.leaseToken, token),
          eq(alertDeliveries.status, 'sending'),
        ),
      )
      .returning({ id: alertDeliveries.id });
    return rows.length > 0;
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
