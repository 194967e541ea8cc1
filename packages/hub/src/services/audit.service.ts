import type { AuditEntry, AuditListQuery, AuditPage } from '@crosspoint/protocol';
import type { AuditRepository } from '../repositories/audit.repository.ts';
import { requirePermission, type Actor, type OrgContext } from './context.ts';
import { decodeCursor, encodeCursor } from './paging.ts';
import { scopeOf } from './rollups.ts';

export interface AuditInput {
  orgId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  detail?: Record<string, unknown>;
}

/** Every change goes through `record`; the log is append-only and readable per organization. */
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async record(actor: Actor, input: AuditInput): Promise<void> {
    await this.audit.append({
      orgId: input.orgId,
      actorUserId: actor.userId,
      actor: actor.label,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      detail: input.detail ?? {},
      ip: actor.ip,
    });
  }

  async list(ctx: OrgContext, query: AuditListQuery): Promise<AuditPage> {
    requirePermission(ctx, 'audit.read');
    const limit = query.limit ?? 50;
    const cursor = decodeCursor(query.cursor);
    const { rows, total } = await this.audit.list(
      scopeOf(ctx.org, query.organizationId),
      {
        action: query.action,
        actorUserId: query.actorUserId,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        search: query.search,
      },
      { limit, beforeId: cursor ? Number(cursor.value) : undefined },
    );
    const items: AuditEntry[] = rows.slice(0, limit).map((r) => ({
      id: r.id,
      organization: r.orgId ? { id: r.orgId, name: r.orgName ?? '' } : null,
      at: r.at.toISOString(),
      actor: r.actor,
      actorUserId: r.actorUserId,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      detail: r.detail,
      ip: r.ip,
    }));
    const last = items[items.length - 1];
    return {
      items,
      total,
      nextCursor: rows.length > limit && last ? encodeCursor(last.id, String(last.id)) : null,
    };
  }
}
