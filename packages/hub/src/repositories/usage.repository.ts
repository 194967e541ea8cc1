import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { auditEvents, clientTerms, organizations, usageCounts, usageDays } from '../db/schema/index.ts';

/** A client and the part of a range a support organization looked after it (null: no bound). */
export interface ClientTermRecord {
  id: string;
  name: string;
  accountNumber: string | null;
  clientReference: string | null;
  planMax: number | null;
  since: Date | null;
  until: Date | null;
}
import { rowsOf } from './raw-rows.ts';

export type UsageKind = 'pro-audio' | 'video';

/** One row of `usage_counts`: the counts from `at` until the next row. */
export interface CountStep {
  at: Date;
  proAudio: number;
  video: number;
  proAudioOverflowed: number;
  videoOverflowed: number;
  planMax: number | null;
}

export interface KindDay {
  /** Most devices monitored at once. */
  peak: number;
  /** ∫ devices monitored dt, in device-milliseconds (exact; device-days × 86,400,000). */
  deviceMs: number;
  /** Most devices Overflowed at once (0: none). */
  overflowedPeak: number;
}

/** One stored day of one organization (both families). */
export interface StoredDay {
  orgId: string;
  day: string;
  proAudio: KindDay;
  video: KindDay;
  planMax: number | null;
}

export interface PlanChangeRecord {
  at: Date;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

const emptyKind = (): KindDay => ({ peak: 0, deviceMs: 0, overflowedPeak: 0 });

/** Usage metering's facts (`usage_counts`) and its daily rollup (`usage_days`); docs/metering.md. */
export class UsageRepository {
  constructor(private readonly db: Db) {}

  /**
   * Writes the current monitored-device counts of one organization (or of every one) at `at`,
   * where they differ from its last row: one statement, so a count is read and written together.
   * Rows hold absolute counts, so two hubs writing the same change add nothing that counts twice.
   * Answers how many rows were written.
   */
  async record(at: Date, orgId?: string): Promise<number> {
    const result = await this.db.execute(sql`
      INSERT INTO usage_counts (org_id, at, pro_audio, video, pro_audio_overflowed, video_overflowed, plan_max)
      SELECT o.id, ${at.toISOString()}::timestamptz, c.pro_audio, c.video, c.pro_audio_overflowed, c.video_overflowed,
        CASE o.kind WHEN 'client' THEN o.plan_max_devices WHEN 'enterprise' THEN o.device_pool END
      FROM organizations o
      CROSS JOIN LATERAL (
        SELECT
          count(*) FILTER (WHERE s.kind = 'pro-audio' AND NOT s.overflowed)::int AS pro_audio,
          count(*) FILTER (WHERE s.kind = 'video' AND NOT s.overflowed)::int AS video,
          count(*) FILTER (WHERE s.kind = 'pro-audio' AND s.overflowed)::int AS pro_audio_overflowed,
          count(*) FILTER (WHERE s.kind = 'video' AND s.overflowed)::int AS video_overflowed
        FROM device_state s WHERE s.org_id = o.id
      ) c
      LEFT JOIN LATERAL (
        SELECT u.pro_audio, u.video, u.pro_audio_overflowed, u.video_overflowed, u.plan_max
        FROM usage_counts u WHERE u.org_id = o.id ORDER BY u.at DESC, u.id DESC LIMIT 1
      ) last ON true
      WHERE o.kind <> 'platform'
        AND (${orgId ?? null}::uuid IS NULL OR o.id = ${orgId ?? null}::uuid)
        AND CASE WHEN last.pro_audio IS NULL
          THEN c.pro_audio + c.video + c.pro_audio_overflowed + c.video_overflowed > 0
          ELSE (last.pro_audio, last.video, last.pro_audio_overflowed, last.video_overflowed, last.plan_max)
            IS DISTINCT FROM (c.pro_audio, c.video, c.pro_audio_overflowed, c.video_overflowed,
              CASE o.kind WHEN 'client' THEN o.plan_max_devices WHEN 'enterprise' THEN o.device_pool END)
        END
      RETURNING org_id`);
    return rowsOf(result).length;
  }

  /**
   * The steps in force from `from` to `to` per organization: the last row before `from` and every
   * row until `to`, in time order (then by id, for rows written at the same instant).
   */
  async steps(orgIds: readonly string[], from: Date, to: Date): Promise<Map<string, CountStep[]>> {
    const out = new Map<string, CountStep[]>(orgIds.map((id) => [id, []]));
    if (orgIds.length === 0) return out;
    const columns = {
      id: usageCounts.id,
      orgId: usageCounts.orgId,
      at: usageCounts.at,
      proAudio: usageCounts.proAudio,
      video: usageCounts.video,
      proAudioOverflowed: usageCounts.proAudioOverflowed,
      videoOverflowed: usageCounts.videoOverflowed,
      planMax: usageCounts.planMax,
    };
    const before = await this.db
      .selectDistinctOn([usageCounts.orgId], columns)
      .from(usageCounts)
      .where(and(inArray(usageCounts.orgId, [...orgIds]), lt(usageCounts.at, from)))
      .orderBy(usageCounts.orgId, desc(usageCounts.at), desc(usageCounts.id));
    const within = await this.db
      .select(columns)
      .from(usageCounts)
      .where(and(inArray(usageCounts.orgId, [...orgIds]), gte(usageCounts.at, from), lt(usageCounts.at, to)))
      .orderBy(asc(usageCounts.at), asc(usageCounts.id));
    for (const { id: _id, orgId, ...step } of [...before, ...within]) out.get(orgId)?.push(step);
    return out;
  }

  /** The stored (closed) days of these organizations from `from` to `to` (both included). */
  async storedDays(orgIds: readonly string[], from: string, to: string): Promise<StoredDay[]> {
    if (orgIds.length === 0) return [];
    const rows = await this.db
      .select()
      .from(usageDays)
      .where(and(inArray(usageDays.orgId, [...orgIds]), gte(usageDays.day, from), lte(usageDays.day, to)));
    const byKey = new Map<string, StoredDay>();
    for (const r of rows) {
      const key = `${r.orgId}|${r.day}`;
      const day = byKey.get(key) ?? {
        orgId: r.orgId,
        day: r.day,
        proAudio: emptyKind(),
        video: emptyKind(),
        planMax: r.planMax,
      };
      day[r.kind === 'pro-audio' ? 'proAudio' : 'video'] = {
        peak: r.peak,
        deviceMs: r.deviceMs,
        overflowedPeak: r.overflowedPeak,
      };
      byKey.set(key, day);
    }
    return [...byKey.values()];
  }

  /** Stores closed days (an upsert: the same facts give the same figures, so re-running is safe). */
  async storeDays(days: readonly StoredDay[], computedAt: Date): Promise<void> {
    if (days.length === 0) return;
    const rows = days.flatMap((d) =>
      (['pro-audio', 'video'] as const).map((kind) => {
        const k = kind === 'pro-audio' ? d.proAudio : d.video;
        return { orgId: d.orgId, day: d.day, kind, ...k, planMax: d.planMax, computedAt };
      }),
    );
    await this.db
      .insert(usageDays)
      .values(rows)
      .onConflictDoUpdate({
        target: [usageDays.orgId, usageDays.day, usageDays.kind],
        set: {
          peak: sql`excluded.peak`,
          deviceMs: sql`excluded.device_ms`,
          overflowedPeak: sql`excluded.overflowed_peak`,
          planMax: sql`excluded.plan_max`,
          computedAt: sql`excluded.computed_at`,
        },
      });
  }

  /**
   * Where each metered organization's rollup resumes: its first count's day, or its last stored day
   * (recomputed, in case a late row reached it).
   */
  async rollupStarts(): Promise<{ orgId: string; from: string }[]> {
    const result = await this.db.execute(sql`
      SELECT c.org_id AS "orgId",
        to_char(coalesce((SELECT max(d.day) FROM usage_days d WHERE d.org_id = c.org_id), min(c.at AT TIME ZONE 'UTC')::date), 'YYYY-MM-DD') AS "from"
      FROM usage_counts c GROUP BY c.org_id`);
    return rowsOf<{ orgId: string; from: string }>(result);
  }

  /**
   * The clients a support organization looked after during [from, to): its clients now (from when it
   * attached them, or all along) and the ones it released since `from` (until then), by name. A
   * client looked after twice in the range has a row per term.
   */
  async clientsDuring(supportId: string, from: Date, to: Date): Promise<ClientTermRecord[]> {
    const client = {
      id: organizations.id,
      name: organizations.name,
      accountNumber: organizations.accountNumber,
      clientReference: organizations.clientReference,
      planMax: organizations.planMaxDevices,
    };
    const current = await this.db
      .select({ ...client, since: clientTerms.startedAt })
      .from(organizations)
      .leftJoin(
        clientTerms,
        and(
          eq(clientTerms.clientId, organizations.id),
          eq(clientTerms.supportId, supportId),
          isNull(clientTerms.endedAt),
        ),
      )
      .where(and(eq(organizations.parentId, supportId), eq(organizations.kind, 'client')));
    const former = await this.db
      .select({ ...client, since: clientTerms.startedAt, until: clientTerms.endedAt })
      .from(clientTerms)
      .innerJoin(organizations, eq(organizations.id, clientTerms.clientId))
      .where(
        and(
          eq(clientTerms.supportId, supportId),
          gt(clientTerms.endedAt, from),
          or(isNull(clientTerms.startedAt), lt(clientTerms.startedAt, to)),
        ),
      );
    return [
      ...current.filter((c) => !c.since || c.since < to).map((c) => ({ ...c, until: null })),
      ...former.map((c) => ({ ...c, until: c.until ?? null })),
    ].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id.localeCompare(b.id));
  }

  /** The plan changes of an organization from `from` to `to`, as its history recorded them (who, when, from → to). */
  async planChanges(orgId: string, from: Date, to: Date): Promise<PlanChangeRecord[]> {
    const rows = await this.db
      .select({
        at: auditEvents.at,
        actor: auditEvents.actor,
        action: auditEvents.action,
        detail: auditEvents.detail,
      })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.orgId, orgId),
          inArray(auditEvents.action, ['org.created', 'org.plan_changed']),
          gte(auditEvents.at, from),
          lt(auditEvents.at, to),
        ),
      )
      .orderBy(asc(auditEvents.at), asc(auditEvents.id));
    return rows;
  }
}
