import {
  monthOf,
  nextMonth,
  type StatusHistoryRepository,
} from '../repositories/status-history.repository.ts';
import { systemClock, type Clock } from './context.ts';

export interface HistoryRetentionSettings {
  /** Months of status changes kept, the current one included (default 13). */
  months: number;
  /** Days summed up per run at most, so a hub that was off for long catches up over several runs. */
  daysPerRun: number;
  /** Months of partitions made ahead of the current one. */
  monthsAhead: number;
}

export const defaultHistoryRetention: HistoryRetentionSettings = {
  months: 13,
  daysPerRun: 7,
  monthsAhead: 2,
};

/** What one run did. */
export interface RetentionRun {
  /** False when another hub was running it (nothing done here). */
  ran: boolean;
  monthsAdded: string[];
  daysSummed: string[];
  monthsDropped: string[];
}

const dayAfter = (day: string): string =>
  new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);

/**
 * Keeps the status history from growing without end (issue #24). One run (on one hub at a time:
 * an advisory lock per step; a hub that finds it taken leaves the run to the other):
 * 1. sums up each complete UTC day not summed yet into `device_status_daily` (per device and
 *    status: seconds), at most `daysPerRun` days, oldest first;
 * 2. makes the partitions of the current month and the next `monthsAhead`;
 * 3. drops the months older than the retention window whose days are all summed up — a whole
 *    partition at once, not row by row — and the stray rows before the window in the DEFAULT one.
 */
export class HistoryRetention {
  constructor(
    private readonly repo: StatusHistoryRepository,
    private readonly settings: HistoryRetentionSettings,
    private readonly clock: Clock = systemClock,
  ) {
    if (!Number.isInteger(settings.months) || settings.months < 1)
      throw new Error(`history retention must be a whole number of months ≥ 1, not ${settings.months}`);
  }

  async run(): Promise<RetentionRun> {
    const done: RetentionRun = { ran: true, monthsAdded: [], daysSummed: [], monthsDropped: [] };
    // Each step is its own short transaction holding the lock, so ingest is never held up for long
    // (PGlite runs one transaction at a time; making and dropping a partition locks the table).
    // Every step is idempotent; the lock only keeps two hubs from doing the same work. A step whose
    // lock another hub holds ends this run.
    const step = async (work: (repo: StatusHistoryRepository) => Promise<void>): Promise<boolean> =>
      (done.ran &&= await this.repo.exclusively(work));
    const now = this.clock();
    const months = (await this.repo.months()).map((m) => m.month);
    const today = now.toISOString().slice(0, 10);
    const last = await this.repo.lastDaySummed();
    // The first run starts with the oldest month's partition (a stray row of the DEFAULT one may
    // be decades off; days before any change sum up to nothing).
    let day = last ? dayAfter(last) : (months[0] ?? monthOf(now));
    while (day < today && done.daysSummed.length < this.settings.daysPerRun) {
      const summing = day;
      if (!(await step((repo) => repo.sumDay(summing).then(() => undefined)))) return done;
      done.daysSummed.push(day);
      day = dayAfter(day);
    }
    const summedUpTo = done.daysSummed.at(-1) ?? last; // the last day summed, inclusive

    for (let i = 0; i <= this.settings.monthsAhead; i++) {
      const month = monthOf(now, i);
      if (months.includes(month)) continue;
      if (!(await step((repo) => repo.addMonth(month)))) return done;
      done.monthsAdded.push(month);
    }

    const keepFrom = monthOf(now, 1 - this.settings.months);
    for (const m of await this.repo.months()) {
      const end = nextMonth(m.month);
      if (end > keepFrom) break; // oldest first: the rest are kept
      const lastDay = new Date(new Date(`${end}T00:00:00Z`).getTime() - 86_400_000)
        .toISOString()
        .slice(0, 10);
      if (!summedUpTo || summedUpTo < lastDay) break; // not summed up yet: a later run
      if (!(await step((repo) => repo.dropMonth(m)))) return done;
      done.monthsDropped.push(m.month);
    }
    await step((repo) => repo.deleteStrayBefore(new Date(`${keepFrom}T00:00:00Z`)).then(() => undefined));
    return done;
  }
}
