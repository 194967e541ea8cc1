// The hub's status-change SQL replayed without the hub, and schema what-ifs tried on a bench
// database only (packages/hub is never changed by the bench): what an index or a table setting
// would do to ingest and to the device list, measured rather than guessed.
import { sqlLoad, type BenchDatabase, type SqlLoadResult } from './postgres.ts';

/** The effective status as the hub computes it (DeviceRepository.effectiveStatus). */
export const effectiveStatusSql = `CASE WHEN overflowed THEN 'Overflowed' ELSE status END`;

/**
 * The hub's own statements for one `deltas` frame, replayed through pg without the hub (as
 * DeviceRepository.applyChanges issues them: in a transaction, UPDATE devices … FROM (VALUES …)
 * RETURNING, then a multi-row INSERT into device_status_history): what PostgreSQL costs per event
 * apart from the hub's Node side. One connection per agent account (at most `connections`), 500
 * of its devices per step, statuses alternating so every change is one.
 */
export async function replayHubSql(
  db: BenchDatabase,
  batch: number,
  seconds: number,
  connections = 4,
): Promise<SqlLoadResult> {
  const rows = (
    await db.client.query<{ aid: string; server: string; org: string }>(
      'SELECT agent_device_id AS aid, server_id AS server, org_id AS org FROM devices ORDER BY server_id, agent_device_id',
    )
  ).rows;
  const servers = [...new Set(rows.map((r) => r.server))].slice(0, connections);
  const byServer = servers.map((s) => rows.filter((r) => r.server === s));
  const orgId = rows[0]?.org ?? '';
  return sqlLoad(db, servers.length, seconds, async (c, k, connection) => {
    const mine = byServer[connection] ?? [];
    const from = (k * batch) % mine.length;
    const slice = Array.from(
      { length: Math.min(batch, mine.length) },
      (_, i) => mine[(from + i) % mine.length],
    ).filter((r) => r !== undefined);
    const status = Math.floor((k * batch) / mine.length) % 2 === 0 ? 'Healthy' : 'Down';
    const now = Date.now();
    const params: unknown[] = [];
    const values = slice.map((r, i) => {
      params.push(r.aid, status, now);
      return `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3}::float8)`;
    });
    params.push(new Date(now), orgId);
    await c.query('BEGIN');
    const updated = await c.query<{ id: string }>(
      `UPDATE devices d SET status = v.status, status_since = to_timestamp(v.since / 1000.0), last_seen_at = $${params.length - 1}
       FROM (VALUES ${values.join(', ')}) AS v(agent_id, status, since)
       WHERE d.org_id = $${params.length} AND d.agent_device_id = v.agent_id RETURNING d.id, d.agent_device_id`,
      params,
    );
    const history: unknown[] = [];
    const rowsText = updated.rows.map((r, i) => {
      history.push(r.id, status, new Date(now), new Date(now));
      return `(default, $${4 * i + 1}, $${4 * i + 2}, $${4 * i + 3}, $${4 * i + 4})`;
    });
    await c.query(
      `INSERT INTO device_status_history (id, device_id, status, since, observed_at) VALUES ${rowsText.join(', ')}`,
      history,
    );
    await c.query('COMMIT');
    return updated.rows.length;
  });
}

/**
 * What-if for ingest: status updates PostgreSQL can do as HOT updates (no index entry rewritten) —
 * the index on (org_id, status) dropped (no API query can use it: they filter, group and sort on
 * the effective status, a CASE expression) and room left in the table's pages (fillfactor 70).
 */
export async function allowHotStatusUpdates(db: BenchDatabase): Promise<void> {
  await db.client.query('DROP INDEX IF EXISTS devices_org_status_idx');
  await db.client.query('ALTER TABLE devices SET (fillfactor = 70)');
  await db.client.query('VACUUM FULL devices');
  await db.client.query('ANALYZE devices');
}

/** The indexes the device list needs (found with EXPLAIN in `web-list`); no query changes. */
export const deviceListIndexes = [
  // Sort by status, group= and status= filters: the effective status as the repository writes it.
  `CREATE INDEX bench_devices_org_effective_status_idx ON devices (org_id, (${effectiveStatusSql}), id)`,
  // Search: one trigram index per searched column, so the planner can OR bitmap scans.
  ...['name', 'serial', 'model', 'ip', 'firmware', 'path'].map(
    (column) =>
      `CREATE INDEX bench_devices_${column}_trgm ON devices USING gin (${column === 'path' ? '(path::text)' : column} gin_trgm_ops)`,
  ),
];

/**
 * What-if for the device list: the effective-status index replaces (org_id, status), and pg_trgm
 * indexes serve the search. Returns false (and creates nothing for search) if pg_trgm is missing.
 */
export async function addDeviceListIndexes(db: BenchDatabase): Promise<boolean> {
  const trgm = await db.client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm').then(
    () => true,
    () => false,
  );
  await db.client.query('DROP INDEX IF EXISTS devices_org_status_idx');
  for (const ddl of deviceListIndexes) if (trgm || !ddl.includes('gin_trgm_ops')) await db.client.query(ddl);
  await db.client.query('ANALYZE devices');
  return trgm;
}

/** Undoes addDeviceListIndexes (the index on (org_id, status) stays dropped). */
export async function dropDeviceListIndexes(db: BenchDatabase): Promise<void> {
  const names = deviceListIndexes
    .map((ddl) => /CREATE INDEX (\w+)/.exec(ddl)?.[1])
    .filter((n) => n !== undefined);
  await db.client.query(`DROP INDEX IF EXISTS ${names.join(', ')}`);
}
