import type {
  AlertDelivery,
  AlertDeliveryListQuery,
  AlertDeliveryPage,
  AlertIncident,
  AlertIncidentListQuery,
  AlertIncidentPage,
  AlertRule,
} from '@crosspoint/protocol';
import type {
  AlertDeliveryRepository,
  DeliveryRecord,
} from '../../repositories/alert-delivery.repository.ts';
import type {
  AlertIncidentRepository,
  IncidentRecord,
} from '../../repositories/alert-incident.repository.ts';
import { requirePermission, type OrgContext } from '../context.ts';
import { incidentLink } from './alert-messages.ts';
import { decodeCursor, encodeCursor, pageOf } from '../paging.ts';
import { ServiceError } from '../service-error.ts';
import { scopeOf } from '../rollups.ts';

/** The incidents the rules opened, and the log of the messages sent for them. */
export class AlertIncidentService {
  constructor(
    private readonly deps: {
      incidents: AlertIncidentRepository;
      deliveries: AlertDeliveryRepository;
      publicUrl: string;
    },
  ) {}

  async incidents(ctx: OrgContext, query: AlertIncidentListQuery): Promise<AlertIncidentPage> {
    requirePermission(ctx, 'alerts.read');
    const limit = query.limit ?? 50;
    const { rows, total } = await this.deps.incidents.list(
      scopeOf(ctx.org, query.organizationId),
      {
        state: query.state,
        ruleId: query.ruleId,
        subjectType: query.subjectType,
        subjectId: query.subjectId,
        muted: query.muted,
        folded: query.folded,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      },
      { limit, after: decodeCursor(query.cursor) },
    );
    return {
      ...pageOf(
        rows,
        limit,
        (r) => this.incidentView(r),
        (r) => ({ value: r.startedAt.toISOString(), id: r.id }),
      ),
      total,
    };
  }

  async incident(
    ctx: OrgContext,
    id: string,
  ): Promise<{ incident: AlertIncident; deliveries: AlertDelivery[] }> {
    requirePermission(ctx, 'alerts.read');
    const row = await this.deps.incidents.byId(ctx.org.id, id);
    if (!row) throw ServiceError.notFound('The incident');
    const organization = { id: ctx.org.id, name: ctx.org.name };
    return {
      incident: this.incidentView({ ...row, orgName: ctx.org.name }),
      deliveries: (await this.deps.deliveries.forIncident(ctx.org.id, id)).map((d) =>
        deliveryView(d, organization),
      ),
    };
  }

  async deliveries(ctx: OrgContext, query: AlertDeliveryListQuery): Promise<AlertDeliveryPage> {
    requirePermission(ctx, 'alerts.read');
    const limit = query.limit ?? 50;
    const cursor = decodeCursor(query.cursor);
    const { rows, total } = await this.deps.deliveries.list(
      scopeOf(ctx.org, query.organizationId),
      { status: query.status, channel: query.channel, incidentId: query.incidentId },
      { limit, beforeId: cursor ? Number(cursor.value) : undefined },
    );
    const items = rows.slice(0, limit).map((d) => deliveryView(d, { id: d.orgId, name: d.orgName }));
    const last = items[items.length - 1];
    return {
      items,
      total,
      nextCursor: rows.length > limit && last ? encodeCursor(last.id, String(last.id)) : null,
    };
  }

  private incidentView(
    r: IncidentRecord & { ruleName: string; ruleKind: string; orgName: string },
  ): AlertIncident {
    return {
      id: r.id,
      organization: { id: r.orgId, name: r.orgName },
      rule: { id: r.ruleId, name: r.ruleName, kind: r.ruleKind as AlertRule['condition']['kind'] },
      subject: { type: r.subjectType, id: r.subjectId, name: r.subjectName },
      condition: r.condition,
      state: r.state,
      startedAt: r.startedAt.toISOString(),
      openedAt: r.openedAt?.toISOString() ?? null,
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
      notifiedAt: r.notifiedAt?.toISOString() ?? null,
      muted: r.muted,
      foldedInto: r.foldedIntoType && r.foldedIntoId ? { type: r.foldedIntoType, id: r.foldedIntoId } : null,
      repeats: r.repeats,
      detail: r.detail,
      link: incidentLink(this.deps.publicUrl, r.subjectType, r.subjectId),
    };
  }
}

function deliveryView(d: DeliveryRecord, organization: { id: string; name: string }): AlertDelivery {
  return {
    id: d.id,
    organization,
    incidentId: d.incidentId,
    event: d.event,
    channel: d.channel,
    to: d.address,
    subject: d.subject,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'queued' ? d.nextAttemptAt.toISOString() : null,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    sentAt: d.sentAt?.toISOString() ?? null,
  };
}
