import type {
  ClientUsageQuery,
  ClientUsageReport,
  PlanChange,
  UsageDay,
  UsageQuery,
  UsageReport,
} from '@crosspoint/protocol';
import type { PlanChangeRecord, UsageRepository } from '../../repositories/usage.repository.ts';
import { isoDay, requirePermission, type Clock, type OrgContext } from '../context.ts';
import { PeriodicTask } from '../serial-runner.ts';
import { ServiceError } from '../service-error.ts';
import {
  dayMs,
  daysBetween,
  deviceDays,
  inOverflow,
  meterDays,
  monthDays,
  totalOf,
  type MeteredDay,
} from './usage-rule.ts';

/** How often every hub records every organization's counts (a missed change is caught) and rolls up closed days. */
export const defaultUsageTickMs = 3_600_000;
/** The longest range one request meters. */
const maxRangeDays = 366;

const startOf = (day: string): Date => new Date(`${day}T00:00:00Z`);

/**
 * Usage metering (docs/metering.md): records each organization's monitored-device counts when they
 * change, rolls closed days up into `usage_days`, and answers usage by day and by month.
 */
export class UsageService {
  private readonly periodic: PeriodicTask;

  constructor(
    private readonly repo: UsageRepository,
    private readonly clock: Clock,
    tickMs = defaultUsageTickMs,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {
    this.periodic = new PeriodicTask(() => this.tick(), tickMs, onError);
  }

  /**
   * Wraps the device repository that applies plans: every `applyPlan` (devices added or removed,
   * plan changed, license changed: whatever can change the counts) records the organization's
   * counts right after it.
   */
  metering<T extends { applyPlan(orgId: string, maxDevices: number | null): Promise<boolean> }>(
    devices: T,
  ): T {
    const applyPlan = async (orgId: string, maxDevices: number | null): Promise<boolean> => {
      const changed = await devices.applyPlan(orgId, maxDevices);
      // Metering never fails what applied the plan: a count missed here is taken by the hourly sweep.
      await this.record(orgId).catch(this.onError);
      return changed;
    };
    // Every other member is the repository's own, called on the repository itself.
    return new Proxy(devices, {
      get(target, key) {
        if (key === 'applyPlan') return applyPlan;
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  /** Records an organization's counts now, if they changed since its last record. */
  async record(orgId: string): Promise<void> {
    await this.repo.record(this.clock(), orgId);
  }

  /** Records every organization and rolls up now, then every `tickMs`. */
  start(): Promise<void> {
    return this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** Every organization's counts (a change a crash kept from being recorded is caught here), then the rollup. */
  async tick(): Promise<void> {
    const now = this.clock();
    await this.repo.record(now);
    await this.rollup(now);
  }

  /**
   * Stores every closed day not stored yet (and the last one stored again): safe to re-run and to
   * run on several hubs at once, since the same facts give the same figures.
   */
  async rollup(now = this.clock()): Promise<number> {
    const yesterday = isoDay(new Date(now.getTime() - dayMs));
    let stored = 0;
    for (const { orgId, from } of await this.repo.rollupStarts()) {
      if (from > yesterday) continue;
      const steps = await this.repo.steps([orgId], startOf(from), startOf(isoDay(now)));
      const days = meterDays(steps.get(orgId) ?? [], from, yesterday, now);
      await this.repo.storeDays(
        days.map((d) => ({ orgId, ...d })),
        now,
      );
      stored += days.length;
    }
    return stored;
  }

  /** An organization's usage by day for a month or a range, with its totals and plan changes. */
  async usage(ctx: OrgContext, query: UsageQuery): Promise<UsageReport> {
    requirePermission(ctx, 'org.read');
    const { from, to } = this.rangeOf(query);
    const days = (await this.metered([ctx.org.id], from, to)).get(ctx.org.id) ?? [];
    const changes = await this.repo.planChanges(
      ctx.org.id,
      startOf(from),
      new Date(startOf(to).getTime() + dayMs),
    );
    return {
      orgId: ctx.org.id,
      name: ctx.org.name,
      from,
      to,
      days: days.map(dayOut),
      total: totalOf(days),
      planChanges: changes.map(planChangeOut),
    };
  }

  /** A support organization's clients for a month: one row each, what an invoice bills. */
  async clientUsage(ctx: OrgContext, query: ClientUsageQuery): Promise<ClientUsageReport> {
    requirePermission(ctx, 'clients.read');
    if (ctx.org.kind !== 'support')
      throw ServiceError.invalid('BAD_REQUEST', 'Only a support organization has client organizations.');
    const month = query.month ?? isoDay(this.clock()).slice(0, 7);
    const { from, to } = monthDays(month);
    const end = new Date(startOf(to).getTime() + dayMs);
    // Its clients now and those it released during the month: each for the days it looked after it.
    const clients = await this.repo.clientsDuring(ctx.org.id, startOf(from), end);
    const metered = await this.metered([...new Set(clients.map((c) => c.id))], from, to);
    return {
      month,
      items: clients.map((c) => ({
        orgId: c.id,
        name: c.name,
        accountNumber: c.accountNumber,
        clientReference: c.clientReference,
        planMaxDevices: c.planMax,
        since: c.since && c.since > startOf(from) ? c.since.toISOString() : null,
        until: c.until && c.until < end ? c.until.toISOString() : null,
        total: totalOf((metered.get(c.id) ?? []).filter((d) => lookedAfter(d.day, c.since, c.until))),
      })),
    };
  }

  /** The days of a range for these organizations: closed days as stored, the others measured now. */
  private async metered(orgIds: string[], from: string, to: string): Promise<Map<string, MeteredDay[]>> {
    const now = this.clock();
    const begun = daysBetween(from, to).filter((d) => startOf(d) < now);
    const out = new Map<string, MeteredDay[]>(orgIds.map((id) => [id, []]));
    if (begun.length === 0) return out;
    const last = begun[begun.length - 1] ?? from;
    const stored = new Map(
      (await this.repo.storedDays(orgIds, from, last)).map((d) => [`${d.orgId}|${d.day}`, d]),
    );
    const missing = orgIds.filter((id) => begun.some((d) => !stored.has(`${id}|${d}`)));
    const steps = await this.repo.steps(missing, startOf(from), now);
    for (const orgId of orgIds) {
      const measured = missing.includes(orgId) ? meterDays(steps.get(orgId) ?? [], from, last, now) : [];
      out.set(
        orgId,
        begun.map((day) => {
          const s = stored.get(`${orgId}|${day}`);
          if (s) return { ...s, measuredMs: dayMs, partial: false };
          return measured.find((m) => m.day === day) as MeteredDay;
        }),
      );
    }
    return out;
  }

  private rangeOf(query: UsageQuery): { from: string; to: string } {
    if (query.month !== undefined) {
      if (query.from !== undefined || query.to !== undefined)
        throw ServiceError.invalid(
          'VALIDATION_FAILED',
          'Give either a month or a range (from, to), not both.',
          [{ path: '/query/month', message: 'must not come with from or to' }],
        );
      return monthDays(query.month);
    }
    if (query.from === undefined && query.to === undefined)
      return monthDays(isoDay(this.clock()).slice(0, 7));
    const { from, to } = query;
    const valid = (d: string | undefined): d is string => d !== undefined && isoDay(startOf(d)) === d;
    if (!valid(from) || !valid(to))
      throw ServiceError.invalid('VALIDATION_FAILED', 'A range needs both from and to, as real dates.', [
        { path: valid(from) ? '/query/to' : '/query/from', message: 'must be a date, YYYY-MM-DD' },
      ]);
    const span = (startOf(to).getTime() - startOf(from).getTime()) / dayMs;
    if (span < 0 || span >= maxRangeDays)
      throw ServiceError.invalid(
        'VALIDATION_FAILED',
        `The range must run forwards and span at most ${String(maxRangeDays)} days.`,
        [
          {
            path: '/query/to',
            message: `must be from \`from\` to ${String(maxRangeDays - 1)} days after it`,
          },
        ],
      );
    return { from, to };
  }
}

function dayOut(d: MeteredDay): UsageDay {
  const kind = (k: MeteredDay['proAudio']) => ({
    peak: k.peak,
    deviceDays: deviceDays(k.deviceMs),
    overflowedPeak: k.overflowedPeak,
  });
  return {
    day: d.day,
    proAudio: kind(d.proAudio),
    video: kind(d.video),
    overflow: inOverflow(d),
    planMaxDevices: d.planMax,
    partial: d.partial,
  };
}

function planChangeOut(r: PlanChangeRecord): PlanChange {
  const plan = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  const to = plan(r.action === 'org.created' ? r.detail.plan : r.detail.to);
  const before = plan(r.detail.from);
  const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);
  const date = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
  return {
    at: r.at.toISOString(),
    actor: r.actor,
    kind: r.action === 'org.created' ? 'created' : 'changed',
    maxDevices: int(to.maxDevices),
    start: date(to.start),
    end: date(to.end),
    previousMaxDevices: int(before.maxDevices),
  };
}

/**
 * Whether a support organization looked after a client on a day: its term overlaps the day (the day
 * of a hand-over belongs to both the support organization that released and the one that attached).
 */
function lookedAfter(day: string, since: Date | null, until: Date | null): boolean {
  const start = startOf(day).getTime();
  return (!since || since.getTime() < start + dayMs) && (!until || until.getTime() > start);
}
