import { and, desc, eq, inArray, isNotNull, isNull, lt, max, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import {
  agentAccounts,
  alertDeliveries,
  alertIncidents,
  alertRules,
  deviceState,
  devices,
  organizations,
} from '../db/schema/index.ts';
import { DeviceRepository } from './device.repository.ts';
import { joinGroup, type GroupTiming } from './alert-delivery-groups.ts';
import { inOrgScope, type OrgScope } from './org-scope.ts';

export type IncidentRecord = typeof alertIncidents.$inferSelect;
export type NewIncident = typeof alertIncidents.$inferInsert;
export type NewDelivery = typeof alertDeliveries.$inferInsert;

/** A device whose effective status a rule watches for. */
export interface FailingDevice {
  id: string;
  name: string;
  model: string;
  agentDeviceId: string;
  parentAgentId: string | null;
  serverId: string | null;
  locationId: string | null;
  path: string[];
  status: string;
  since: Date;
}

export type ServerRecord = typeof agentAccounts.$inferSelect;

/** Which guarded step a transition is: each only applies to an incident in the expected state. */
export type IncidentStep =
  { step: 'open' } | { step: 'notify' } | { step: 'repeat'; repeats: number } | { step: 'resolve' };

export interface IncidentFilter {
  state?: IncidentRecord['state'] | undefined;
  ruleId?: string | undefined;
  subjectType?: IncidentRecord['subjectType'] | undefined;
  subjectId?: string | undefined;
  muted?: boolean | undefined;
  folded?: boolean | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** Incidents, and the reads the alert engine evaluates rules against (devices, servers). */
export class AlertIncidentRepository {
  constructor(private readonly db: Db) {}

  async failingDevices(
    orgId: string,
    statuses: string[],
    filter: {
      models?: string[] | undefined;
      locationIds?: string[] | undefined;
      serverIds?: string[] | undefined;
    },
  ): Promise<FailingDevice[]> {
    const status = DeviceRepository.effectiveStatus;
    if (
      statuses.length === 0 ||
      filter.locationIds?.length === 0 ||
      filter.serverIds?.length === 0 ||
      filter.models?.length === 0
    )
      return [];
    return this.db
      .select({
        id: devices.id,
        name: devices.name,
        model: devices.model,
        agentDeviceId: devices.agentDeviceId,
        parentAgentId: devices.parentAgentId,
        serverId: devices.serverId,
        locationId: devices.locationId,
        path: devices.path,
        status,
        since: deviceState.statusSince,
      })
      .from(devices)
      .innerJoin(deviceState, eq(deviceState.deviceId, devices.id))
      .where(
        and(
          eq(devices.orgId, orgId),
          inArray(status, statuses),
          filter.models ? inArray(devices.model, filter.models) : undefined,
          filter.locationIds ? inArray(devices.locationId, filter.locationIds) : undefined,
          filter.serverIds ? inArray(devices.serverId, filter.serverIds) : undefined,
        ),
      );
  }

  async servers(orgId: string): Promise<ServerRecord[]> {
    return this.db.select().from(agentAccounts).where(eq(agentAccounts.orgId, orgId));
  }

  /** Devices per server, and how many of them are Down. */
  async serverDeviceCounts(orgId: string): Promise<Map<string, { devices: number; down: number }>> {
    const rows = await this.db
      .select({
        serverId: devices.serverId,
        n: sql<number>`count(*)::int`,
        down: sql<number>`(count(*) FILTER (WHERE ${deviceState.status} = 'Down'))::int`,
      })
      .from(devices)
      .innerJoin(deviceState, eq(deviceState.deviceId, devices.id))
      .where(and(eq(devices.orgId, orgId), isNotNull(devices.serverId)))
      .groupBy(devices.serverId);
    return new Map(rows.map((r) => [r.serverId ?? '', { devices: r.n, down: r.down }]));
  }

  /** Current status, model and connections of devices (for resolved messages). */
  async deviceFacts(
    orgId: string,
    ids: string[],
  ): Promise<
    Map<
      string,
      { status: string; model: string; path: string[]; locationId: string | null; serverId: string | null }
    >
  > {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .select({
        id: devices.id,
        status: DeviceRepository.effectiveStatus,
        model: devices.model,
        path: devices.path,
        locationId: devices.locationId,
        serverId: devices.serverId,
      })
      .from(devices)
      .innerJoin(deviceState, eq(deviceState.deviceId, devices.id))
      .where(and(eq(devices.orgId, orgId), inArray(devices.id, ids)));
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Pending and open incidents of an organization. */
  async active(orgId: string): Promise<IncidentRecord[]> {
    return this.db
      .select()
      .from(alertIncidents)
      .where(and(eq(alertIncidents.orgId, orgId), ne(alertIncidents.state, 'resolved')));
  }

  async orgsWithActive(): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ orgId: alertIncidents.orgId })
      .from(alertIncidents)
      .where(ne(alertIncidents.state, 'resolved'));
    return rows.map((r) => r.orgId);
  }

  /** New pending incidents; one another hub inserted first is skipped (the unique index decides). */
  async insertPending(rows: NewIncident[]): Promise<IncidentRecord[]> {
    if (rows.length === 0) return [];
    return this.db.insert(alertIncidents).values(rows).onConflictDoNothing().returning();
  }

  /** When each subject's last incident under this rule was resolved (flap damping). */
  async lastResolved(ruleId: string, subjectIds: string[]): Promise<Map<string, Date>> {
    if (subjectIds.length === 0) return new Map();
    const rows = await this.db
      .select({ subjectId: alertIncidents.subjectId, at: max(alertIncidents.resolvedAt) })
      .from(alertIncidents)
      .where(
        and(
          eq(alertIncidents.ruleId, ruleId),
          inArray(alertIncidents.subjectId, subjectIds),
          eq(alertIncidents.state, 'resolved'),
        ),
      )
      .groupBy(alertIncidents.subjectId);
    return new Map(rows.flatMap((r) => (r.at ? [[r.subjectId, r.at] as const] : [])));
  }

  async update(id: string, values: Partial<NewIncident>): Promise<void> {
    await this.db.update(alertIncidents).set(values).where(eq(alertIncidents.id, id));
  }

  /** Pending incidents whose condition cleared before the delay: nothing happened, nothing is kept. */
  async deletePending(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .delete(alertIncidents)
      .where(and(inArray(alertIncidents.id, ids), eq(alertIncidents.state, 'pending')));
  }

  /**
   * One guarded step of an incident and the messages it causes, in one transaction: only the hub
   * whose update matched the expected state queues them, and the deliveries' unique index refuses
   * anything queued before. Returns the updated incident, or undefined when another hub was first.
   */
  async transition(
    id: string,
    step: IncidentStep,
    set: Partial<NewIncident>,
    deliveries: (incident: IncidentRecord) => NewDelivery[],
    /** Group the messages (docs/alerts.md, "Grouped messages"), as of `now` (the time they are queued). */
    grouping?: { timing: GroupTiming; now: Date },
  ): Promise<IncidentRecord | undefined> {
    const guard: SQL | undefined =
      step.step === 'open'
        ? eq(alertIncidents.state, 'pending')
        : step.step === 'notify'
          ? and(eq(alertIncidents.state, 'open'), isNull(alertIncidents.notifiedAt))
          : step.step === 'repeat'
            ? and(eq(alertIncidents.state, 'open'), eq(alertIncidents.repeats, step.repeats))
            : eq(alertIncidents.state, 'open');
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(alertIncidents)
        .set(set)
        .where(and(eq(alertIncidents.id, id), guard))
        .returning();
      if (!row) return undefined;
      let rows = deliveries(row);
      // Grouped messages: each group's first leads (sent alone, now); the ones after it are held.
      const keys = new Set(rows.flatMap((r) => (r.groupKey ? [r.groupKey] : [])));
      const leading = new Set<string>();
      for (const key of keys) {
        if (
          !grouping ||
          (await joinGroup(tx, { key, orgId: row.orgId, ruleId: row.ruleId }, grouping.now, grouping.timing))
        )
          leading.add(key);
      }
      if (leading.size)
        rows = rows.map((r) => (r.groupKey && leading.has(r.groupKey) ? { ...r, groupKey: null } : r));
      if (rows.length) await tx.insert(alertDeliveries).values(rows).onConflictDoNothing();
      return row;
    });
  }

  async byId(
    orgId: string,
    id: string,
  ): Promise<(IncidentRecord & { ruleName: string; ruleKind: string }) | undefined> {
    const [row] = await this.db
      .select({ incident: alertIncidents, ruleName: alertRules.name, ruleKind: alertRules.kind })
      .from(alertIncidents)
      .innerJoin(alertRules, eq(alertRules.id, alertIncidents.ruleId))
      .where(and(eq(alertIncidents.orgId, orgId), eq(alertIncidents.id, id)));
    return row ? { ...row.incident, ruleName: row.ruleName, ruleKind: row.ruleKind } : undefined;
  }

  /** Newest first, keyset paging on (started_at, id). */
  async list(
    scope: OrgScope,
    filter: IncidentFilter,
    page: { limit: number; after?: { value: string | number | null; id: string } | undefined },
  ): Promise<{
    rows: (IncidentRecord & { ruleName: string; ruleKind: string; orgName: string })[];
    total: number;
  }> {
    const where = and(
      inOrgScope(alertIncidents.orgId, scope),
      filter.state ? eq(alertIncidents.state, filter.state) : undefined,
      filter.ruleId ? eq(alertIncidents.ruleId, filter.ruleId) : undefined,
      filter.subjectType ? eq(alertIncidents.subjectType, filter.subjectType) : undefined,
      filter.subjectId ? eq(alertIncidents.subjectId, filter.subjectId) : undefined,
      filter.muted !== undefined ? eq(alertIncidents.muted, filter.muted) : undefined,
      filter.folded === true
        ? isNotNull(alertIncidents.foldedIntoId)
        : filter.folded === false
          ? isNull(alertIncidents.foldedIntoId)
          : undefined,
      filter.from ? sql`${alertIncidents.startedAt} >= ${filter.from}` : undefined,
      filter.to ? lt(alertIncidents.startedAt, filter.to) : undefined,
    );
    const [totalRow] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(alertIncidents)
      .where(where);
    const after = page.after
      ? or(
          lt(alertIncidents.startedAt, new Date(String(page.after.value))),
          and(
            eq(alertIncidents.startedAt, new Date(String(page.after.value))),
            lt(alertIncidents.id, page.after.id),
          ),
        )
      : undefined;
    const rows = await this.db
      .select({
        incident: alertIncidents,
        ruleName: alertRules.name,
        ruleKind: alertRules.kind,
        orgName: organizations.name,
      })
      .from(alertIncidents)
      .innerJoin(alertRules, eq(alertRules.id, alertIncidents.ruleId))
      .innerJoin(organizations, eq(organizations.id, alertIncidents.orgId))
      .where(and(where, after))
      .orderBy(desc(alertIncidents.startedAt), desc(alertIncidents.id))
      .limit(page.limit + 1);
    return {
      rows: rows.map((r) => ({
        ...r.incident,
        ruleName: r.ruleName,
        ruleKind: r.ruleKind,
        orgName: r.orgName,
      })),
      total: totalRow?.n ?? 0,
    };
  }
}
