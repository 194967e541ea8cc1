import type { DeviceAvailability } from '@crosspoint/protocol';
import type { DeviceRepository } from '../repositories/device.repository.ts';
import type { StatusHistoryRepository } from '../repositories/status-history.repository.ts';
import {
  dayStart,
  daysFromChanges,
  fromStatusSeconds,
  lastDays,
  type AvailabilityDay,
} from './availability-days.ts';
import { requirePermission, type OrgContext } from './context.ts';
import { ServiceError } from './service-error.ts';

/**
 * A device's availability per UTC day, for its charts: the days the retention task has summed up
 * (`device_status_daily`, kept after the raw history's months are dropped) are read from their
 * sums; the days after them (today, and any the task has not reached yet) from the raw history.
 */
export class DeviceAvailabilityService {
  constructor(
    private readonly devices: Pick<DeviceRepository, 'byId'>,
    private readonly history: Pick<StatusHistoryRepository, 'lastDaySummed' | 'daily' | 'changesAround'>,
    private readonly now: () => number = Date.now,
  ) {}

  async perDay(ctx: OrgContext, deviceId: string, count = 30): Promise<DeviceAvailability> {
    requirePermission(ctx, 'devices.read');
    const device = await this.devices.byId(ctx.org.id, deviceId);
    if (!device) throw ServiceError.notFound('The device');
    const now = this.now();
    const days = lastDays(now, count);
    const first = days[0] as string;
    const today = days[days.length - 1] as string;
    const lastSummed = await this.history.lastDaySummed();
    const summedUntil = lastSummed !== null && lastSummed < today ? lastSummed : null;
    const byDay = new Map<string, AvailabilityDay>();
    if (summedUntil !== null && summedUntil >= first) {
      const sums = await this.history.daily(deviceId, first, summedUntil);
      for (const day of days.filter((d) => d <= summedUntil)) {
        byDay.set(
          day,
          fromStatusSeconds(
            day,
            sums.filter((s) => s.day === day),
          ),
        );
      }
    }
    const rawFrom = days.find((d) => !byDay.has(d));
    if (rawFrom !== undefined) {
      const from = dayStart(rawFrom);
      const changes = await this.history.changesAround(deviceId, new Date(from), new Date(now));
      for (const d of daysFromChanges(changes, from, now)) byDay.set(d.day, d);
    }
    return {
      days: days.map((day) => byDay.get(day) ?? { day, knownSeconds: 0, availableSeconds: 0 }),
    };
  }
}
