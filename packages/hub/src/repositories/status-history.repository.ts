import { sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { rowsOf } from './raw-rows.ts';

/** A month of the status history, as its partition (`device_status_history_YYYY_MM`). */
export interface HistoryMonth {
  /** First day of the month, `YYYY-MM-01` (UTC). */
  month: string;
  table: string;
}

const partitionName = /^device_status_history_(\d{4})_(\d{2})$/;
/** Rows a statement changed (pg says `rowCount`, PGlite `affectedRows`). */
const affected = (result: unknown): number => {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
};

/** Serialises the retention run between hub processes sharing one PostgreSQL. */
const RETENTION_LOCK_KEY = 7_261_024;

/** `2026-12-01` → `2027-01-01`. */
export function nextMonth(month: string): string {
  const d = new Date(`${month}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

/** The first day (UTC) of the month `at` is in, moved by `offset` months. */
export function monthOf(at: Date, offset = 0): string {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
}

/**
 * The status history's months (its partitions, migration 0027) and the daily sums kept after a
 * month is dropped. Table names are built only from dates checked here, never from input.
 */
export class StatusHistoryRepository {
  constructor(private readonly db: Db) {}

  /**
   * Runs `work` holding the retention lock for one transaction, or not at all (false) when another
   * hub holds it.
   */
  async exclusively(work: (repo: StatusHistoryRepository) => Promise<void>): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [lock] = rowsOf<{ ok: boolean }>(
        await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${RETENTION_LOCK_KEY}) AS ok`),
      );
      if (!lock?.ok) return false;
      await work(new StatusHistoryRepository(tx));
      return true;
    });
  }

  /** The monthly partitions, oldest first (the DEFAULT partition is not a month). */
  async months(): Promise<HistoryMonth[]> {
    const rows = rowsOf<{ name: string }>(
      await this.db.execute(sql`
        SELECT c.relname AS name
          FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'device_status_history'::regclass`),
    );
    return rows
      .flatMap(({ name }) => {
        const m = partitionName.exec(name);
        return m ? [{ month: `${m[1]}-${m[2]}-01`, table: name }] : [];
      })
      .sort((a, b) => a.month.localeCompare(b.month));
  }

  /** Creates the partition of `month` (`YYYY-MM-01`) unless it exists. */
  async addMonth(month: string): Promise<void> {
    if (!/^\d{4}-\d{2}-01$/.test(month)) throw new Error(`not a month: ${month}`);
    const table = `device_status_history_${month.slice(0, 4)}_${month.slice(5, 7)}`;
    await this.db.execute(
      sql.raw(
        `CREATE TABLE IF NOT EXISTS "${table}" PARTITION OF device_status_history ` +
          `FOR VALUES FROM ('${month} 00:00:00+00') TO ('${nextMonth(month)} 00:00:00+00')`,
      ),
    );
  }

  /** Drops a month's partition: its rows go at once, without a row-by-row delete. */
  async dropMonth(month: HistoryMonth): Promise<void> {
    if (!partitionName.test(month.table)) throw new Error(`not a history partition: ${month.table}`);
    await this.db.execute(sql.raw(`DROP TABLE IF EXISTS "${month.table}"`));
  }

  /** Deletes the rows before `before` that the DEFAULT partition holds (device clocks far off). */
  async deleteStrayBefore(before: Date): Promise<number> {
    const result = await this.db.execute(
      sql`DELETE FROM device_status_history_default WHERE since < ${before.toISOString()}`,
    );
    return affected(result);
  }

  /** The last UTC day summed up in `device_status_daily` (`YYYY-MM-DD`), if any. */
  async lastDaySummed(): Promise<string | null> {
    const [row] = rowsOf<{ day: string | null }>(
      await this.db.execute(sql`SELECT max(day)::text AS day FROM device_status_daily`),
    );
    return row?.day ?? null;
  }

  /**
   * Sums, for one UTC day, how long each device was in each status: the changes of that day, and
   * for each device the status it was in when the day began (its last change before). Replaces the
   * day's sums if they exist. Returns the rows written.
   */
  async sumDay(day: string): Promise<number> {
    const start = `${day} 00:00:00+00`;
    const end = new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000).toISOString();
    const result = await this.db.execute(sql`
      INSERT INTO device_status_daily (device_id, day, status, seconds)
      SELECT device_id, ${day}::date, status, round(sum(seconds))::int
        FROM (
          SELECT device_id, status,
                 extract(epoch FROM least(coalesce(lead(since) OVER w, ${end}::timestamptz), ${end}::timestamptz)
                                    - greatest(since, ${start}::timestamptz)) AS seconds
            FROM (
              SELECT h.device_id, h.status, h.since
                FROM device_status_history h
               WHERE h.since >= ${start}::timestamptz AND h.since < ${end}::timestamptz
              UNION ALL
              SELECT d.id, p.status, p.since
                FROM devices d
                CROSS JOIN LATERAL (
                  SELECT status, since FROM device_status_history
                   WHERE device_id = d.id AND since < ${start}::timestamptz
                   ORDER BY since DESC LIMIT 1) p
            ) changes
          WINDOW w AS (PARTITION BY device_id ORDER BY since)
        ) spans
       WHERE seconds > 0
       GROUP BY device_id, status
      ON CONFLICT (device_id, day, status) DO UPDATE SET seconds = excluded.seconds`);
    return affected(result);
  }

  /**
   * A device's changes from `from` until `until`, and the last one before `from` (the status it had
   * when the span began), oldest first.
   */
  async changesAround(deviceId: string, from: Date, until: Date): Promise<{ status: string; since: Date }[]> {
    const rows = rowsOf<{ status: string; since: string | Date }>(
      await this.db.execute(sql`
        (SELECT status, since FROM device_status_history
          WHERE device_id = ${deviceId} AND since < ${from.toISOString()}::timestamptz
          ORDER BY since DESC LIMIT 1)
        UNION ALL
        (SELECT status, since FROM device_status_history
          WHERE device_id = ${deviceId} AND since >= ${from.toISOString()}::timestamptz
            AND since < ${until.toISOString()}::timestamptz)
        ORDER BY since`),
    );
    return rows.map((r) => ({ status: r.status, since: new Date(r.since) }));
  }

  /** A device's daily sums from `fromDay` to `toDay` (inclusive), oldest first. */
  async daily(
    deviceId: string,
    fromDay: string,
    toDay: string,
  ): Promise<{ day: string; status: string; seconds: number }[]> {
    return rowsOf<{ day: string; status: string; seconds: number }>(
      await this.db.execute(sql`
        SELECT day::text AS day, status, seconds FROM device_status_daily
         WHERE device_id = ${deviceId} AND day BETWEEN ${fromDay}::date AND ${toDay}::date
         ORDER BY day, status`),
    );
  }
}
