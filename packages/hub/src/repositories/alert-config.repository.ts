import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import {
  alertMaintenanceWindows,
  alertPreferences,
  alertRules,
  alertWebhooks,
  memberships,
  users,
} from '../db/schema/index.ts';

export type AlertRuleRecord = typeof alertRules.$inferSelect;
export type MaintenanceWindowRecord = typeof alertMaintenanceWindows.$inferSelect;
export type AlertWebhookRecord = typeof alertWebhooks.$inferSelect;
export type AlertPreferenceRecord = typeof alertPreferences.$inferSelect;

/** A registered member of an organization (or of one above it) and their alert choices there. */
export interface AlertRecipientRow {
  userId: string;
  email: string;
  language: string;
  smsNumber: string | null;
  memberOf: string;
  preference: AlertPreferenceRecord | null;
}

/** What an organization configures for alerts: rules, maintenance windows, webhooks, and its users' choices. */
export class AlertConfigRepository {
  constructor(private readonly db: Db) {}

  async rules(orgId: string): Promise<AlertRuleRecord[]> {
    return this.db
      .select()
      .from(alertRules)
      .where(eq(alertRules.orgId, orgId))
      .orderBy(asc(alertRules.createdAt), asc(alertRules.id));
  }

  async enabledRules(orgId: string): Promise<AlertRuleRecord[]> {
    return this.db
      .select()
      .from(alertRules)
      .where(and(eq(alertRules.orgId, orgId), eq(alertRules.enabled, true)));
  }

  /** Organizations with at least one enabled rule. */
  async orgsWithRules(): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ orgId: alertRules.orgId })
      .from(alertRules)
      .where(eq(alertRules.enabled, true));
    return rows.map((r) => r.orgId);
  }

  async rule(orgId: string, id: string): Promise<AlertRuleRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(alertRules)
      .where(and(eq(alertRules.orgId, orgId), eq(alertRules.id, id)));
    return row;
  }

  async createRule(values: typeof alertRules.$inferInsert): Promise<AlertRuleRecord> {
    const [row] = await this.db.insert(alertRules).values(values).returning();
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  async updateRule(
    orgId: string,
    id: string,
    values: Partial<typeof alertRules.$inferInsert>,
  ): Promise<AlertRuleRecord | undefined> {
    const [row] = await this.db
      .update(alertRules)
      .set(values)
      .where(and(eq(alertRules.orgId, orgId), eq(alertRules.id, id)))
      .returning();
    return row;
  }

  async deleteRule(orgId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(alertRules)
      .where(and(eq(alertRules.orgId, orgId), eq(alertRules.id, id)))
      .returning({ id: alertRules.id });
    return rows.length === 1;
  }

  async windows(orgId: string): Promise<MaintenanceWindowRecord[]> {
    return this.db
      .select()
      .from(alertMaintenanceWindows)
      .where(eq(alertMaintenanceWindows.orgId, orgId))
      .orderBy(asc(alertMaintenanceWindows.createdAt), asc(alertMaintenanceWindows.id));
  }

  async window(orgId: string, id: string): Promise<MaintenanceWindowRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(alertMaintenanceWindows)
      .where(and(eq(alertMaintenanceWindows.orgId, orgId), eq(alertMaintenanceWindows.id, id)));
    return row;
  }

  async createWindow(values: typeof alertMaintenanceWindows.$inferInsert): Promise<MaintenanceWindowRecord> {
    const [row] = await this.db.insert(alertMaintenanceWindows).values(values).returning();
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  async updateWindow(
    orgId: string,
    id: string,
    values: Partial<typeof alertMaintenanceWindows.$inferInsert>,
  ): Promise<MaintenanceWindowRecord | undefined> {
    const [row] = await this.db
      .update(alertMaintenanceWindows)
      .set(values)
      .where(and(eq(alertMaintenanceWindows.orgId, orgId), eq(alertMaintenanceWindows.id, id)))
      .returning();
    return row;
  }

  async deleteWindow(orgId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(alertMaintenanceWindows)
      .where(and(eq(alertMaintenanceWindows.orgId, orgId), eq(alertMaintenanceWindows.id, id)))
      .returning({ id: alertMaintenanceWindows.id });
    return rows.length === 1;
  }

  async webhooks(orgId: string): Promise<AlertWebhookRecord[]> {
    return this.db
      .select()
      .from(alertWebhooks)
      .where(eq(alertWebhooks.orgId, orgId))
      .orderBy(asc(alertWebhooks.createdAt), asc(alertWebhooks.id));
  }

  /** Every organization's webhooks (the one-time sealing of old secrets at start). */
  async allWebhooks(): Promise<AlertWebhookRecord[]> {
    return this.db.select().from(alertWebhooks);
  }

  async webhook(orgId: string, id: string): Promise<AlertWebhookRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(alertWebhooks)
      .where(and(eq(alertWebhooks.orgId, orgId), eq(alertWebhooks.id, id)));
    return row;
  }

  async createWebhook(values: typeof alertWebhooks.$inferInsert): Promise<AlertWebhookRecord> {
    const [row] = await this.db.insert(alertWebhooks).values(values).returning();
    if (!row) throw new Error('insert returned nothing');
    return row;
  }

  async updateWebhook(
    orgId: string,
    id: string,
    values: Partial<typeof alertWebhooks.$inferInsert>,
  ): Promise<AlertWebhookRecord | undefined> {
    const [row] = await this.db
      .update(alertWebhooks)
      .set(values)
      .where(and(eq(alertWebhooks.orgId, orgId), eq(alertWebhooks.id, id)))
      .returning();
    return row;
  }

  async deleteWebhook(orgId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(alertWebhooks)
      .where(and(eq(alertWebhooks.orgId, orgId), eq(alertWebhooks.id, id)))
      .returning({ id: alertWebhooks.id });
    return rows.length === 1;
  }

  async preferences(userId: string): Promise<AlertPreferenceRecord[]> {
    return this.db.select().from(alertPreferences).where(eq(alertPreferences.userId, userId));
  }

  async savePreference(values: typeof alertPreferences.$inferInsert): Promise<AlertPreferenceRecord> {
    const [row] = await this.db
      .insert(alertPreferences)
      .values(values)
      .onConflictDoUpdate({
        target: [alertPreferences.userId, alertPreferences.orgId],
        set: {
          email: values.email,
          sms: values.sms,
          mutedRuleIds: values.mutedRuleIds ?? [],
          updatedAt: sql`now()`,
        },
      })
      .returning();
    if (!row) throw new Error('upsert returned nothing');
    return row;
  }

  /**
   * Registered members of `memberOrgIds` (the organization and the ones above it), each with their
   * preference for `orgId` if they saved one.
   */
  async recipients(orgId: string, memberOrgIds: string[]): Promise<AlertRecipientRow[]> {
    if (memberOrgIds.length === 0) return [];
    const rows = await this.db
      .select({ user: users, memberOf: memberships.orgId, preference: alertPreferences })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .leftJoin(
        alertPreferences,
        and(eq(alertPreferences.userId, users.id), eq(alertPreferences.orgId, orgId)),
      )
      .where(and(inArray(memberships.orgId, memberOrgIds), isNotNull(users.registeredAt)));
    return rows.map((r) => ({
      userId: r.user.id,
      email: r.user.email,
      language: r.user.language,
      // Only a number its owner proved gets texts.
      smsNumber: r.user.smsVerifiedAt ? r.user.smsNumber : null,
      memberOf: r.memberOf,
      preference: r.preference,
    }));
  }
}
