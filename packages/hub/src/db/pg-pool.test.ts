// The PostgreSQL pool never loses a client and never hands one out dirty: a transaction whose
// connection dies as it begins (PostgreSQL restarted, failed over, the backend terminated) gives
// its client back, and a client given back inside a transaction (open or aborted) is closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database } from './open-database.ts';
import { createTestDatabase, laneAvailable, postgresAdminUrl } from '../test/real-servers.ts';
import { rowsOf } from '../repositories/raw-rows.ts';

const poolSize = 3;

/** `work`, or a failure naming `what` after `ms` (a starved pool waits for ever). */
async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${String(ms)} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe.skipIf(!(await laneAvailable('PostgreSQL', postgresAdminUrl)))('the PostgreSQL pool', () => {
  let database: Database;
  let pool: pg.Pool;
  let admin: pg.Client;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    database = await openDatabase({ kind: 'postgres', url: db.url, poolSize });
    pool = (database.db as unknown as { $client: pg.Pool }).$client;
    admin = new pg.Client({ connectionString: postgresAdminUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await within(10_000, 'closing the pool', database.close());
    await drop();
  });

  const noClientOut = async () => {
    const deadline = Date.now() + 5_000;
    while (pool.totalCount !== pool.idleCount && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }).toEqual({
      total: pool.idleCount,
      idle: pool.idleCount,
      waiting: 0,
    });
  };
  const stillWorks = async () => {
    const rows = rowsOf<{ xid: string | null }>(
      await within(
        5_000,
        'a transaction',
        database.db
          .transaction(async (tx) => tx.execute(sql`SELECT 1 AS one`))
          .then(() => database.db.execute(sql`SELECT pg_current_xact_id_if_assigned()::text AS xid`)),
      ),
    );
    expect(rows[0]?.xid ?? null).toBeNull();
  };

  it('gets back the client of a transaction whose connection dies as it begins, more times than it has clients', async () => {
    // The server ends each connection right after the pool hands it to a transaction, before its BEGIN.
    const connect = pool.connect.bind(pool) as (...args: unknown[]) => Promise<pg.PoolClient> | undefined;
    let terminate = 0;
    pool.connect = (async (...args: unknown[]) => {
      if (args.length) return connect(...args); // pool.query's own checkouts
      const client = (await connect()) as pg.PoolClient;
      if (terminate > 0) {
        terminate--;
        const pid = (client as unknown as { processID: number }).processID;
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      }
      return client;
    }) as typeof pool.connect;
    try {
      for (let i = 0; i < poolSize * 2 + 1; i++) {
        terminate = 1;
        await expect(
          within(
            5_000,
            `transaction ${String(i)}`,
            database.db.transaction(async (tx) => tx.execute(sql`SELECT 1`)),
          ),
        ).rejects.toThrow(/Failed query: begin/);
      }
    } finally {
      delete (pool as { connect?: unknown }).connect; // the prototype's again
    }
    await noClientOut();
    await stillWorks();
  });

  it('closes a client given back inside a transaction, open or aborted, instead of handing it out again', async () => {
    for (const statements of [
      ['BEGIN', 'SELECT 1'],
      ['BEGIN', 'SELECT pg_current_xact_id()'],
      ['BEGIN', 'SELECT 1/0'],
    ]) {
      const client = await pool.connect();
      for (const s of statements) await client.query(s).catch(() => undefined);
      client.release();
    }
    await noClientOut();
    // Every client the pool has left is outside any transaction: none is refused (25P02), none writes into an old transaction.
    await Promise.all(Array.from({ length: poolSize }, () => stillWorks()));
    const idle = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      ),
    );
    expect(idle[0]?.n).toBe(0);
  });
});
