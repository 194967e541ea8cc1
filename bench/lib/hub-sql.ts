// The hub's status-change SQL replayed without the hub, so a run can tell PostgreSQL's share of
// the cost from the hub's Node side. Written out from DeviceIngestRepository (applyPlainChanges)
// in packages/hub/src/repositories/device-ingest.repository.ts: keep in step with that file.
import { sqlLoad, type BenchDatabase, type SqlLoadResult } from './postgres.ts';

/**
 * One `deltas` frame as the hub stores it: a single statement that claims the frame's sequence
 * number on the agent account, updates each device's `device_state` row and appends every change
 * to the status history — arrays as parameters (`unnest`), one round trip, no transaction block.
 */
export const applyChangesSql = `
  WITH claim AS (UPDATE agent_accounts SET last_seq = $7 WHERE id = $6 AND org_id = $5 AND last_seq < $7 RETURNING 1 AS ok),
  v AS (
    SELECT d.id AS device_id, v.status, v.since, v.at, v.n
    FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[]) WITH ORDINALITY AS v(agent_id, status, since, at, n)
    JOIN devices d ON d.org_id = $5 AND d.agent_device_id = v.agent_id
    WHERE EXISTS (SELECT 1 FROM claim)
  ),
  last AS (SELECT DISTINCT ON (device_id) device_id, status, since FROM v ORDER BY device_id, n DESC),
  u AS (
    UPDATE device_state s SET status = last.status, status_since = to_timestamp(last.since / 1000.0), last_seen_at = $8
    FROM last WHERE s.device_id = last.device_id RETURNING 1
  ),
  h AS (
    INSERT INTO device_status_history (device_id, status, since, observed_at)
    SELECT device_id, status, to_timestamp(since / 1000.0), to_timestamp(at / 1000.0) FROM v ORDER BY n RETURNING 1
  )
  SELECT (SELECT count(*) FROM claim)::int AS claimed, (SELECT count(*) FROM h)::int AS stored, (SELECT count(*) FROM u)::int AS updated`;

/**
 * The hub's statement for `deltas` frames, replayed through pg without the hub: one connection per
 * agent account (at most `connections`), `batch` of its devices per frame, statuses alternating so
 * every change is one, each frame claiming the next sequence number of its account.
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
  const seqs: number[] = [];
  for (const s of servers) {
    const res = await db.client.query<{ seq: number }>(
      'SELECT last_seq AS seq FROM agent_accounts WHERE id = $1',
      [s],
    );
    seqs.push(res.rows[0]?.seq ?? -1);
  }
  return sqlLoad(db, servers.length, seconds, async (c, k, connection) => {
    const mine = byServer[connection] ?? [];
    const from = (k * batch) % mine.length;
    const slice = Array.from(
      { length: Math.min(batch, mine.length) },
      (_, i) => mine[(from + i) % mine.length],
    ).filter((r) => r !== undefined);
    const status = Math.floor((k * batch) / mine.length) % 2 === 0 ? 'Healthy' : 'Down';
    const now = Date.now();
    const seq = (seqs[connection] = (seqs[connection] ?? -1) + 1);
    const res = await c.query<{ stored: number }>(applyChangesSql, [
      slice.map((r) => r.aid),
      slice.map(() => status),
      slice.map(() => now),
      slice.map(() => now),
      orgId,
      servers[connection],
      seq,
      new Date(now),
    ]);
    return res.rows[0]?.stored ?? 0;
  });
}
