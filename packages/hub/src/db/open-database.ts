import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import * as schema from './schema/index.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { openPool } from './pg-pool.ts';

export type Schema = typeof schema;
/** The drizzle handle repositories are written against; the same type for PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null } // null: in memory (tests)
  | { kind: 'postgres'; url: string; poolSize?: number };

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Serialises migrations between hub processes sharing one PostgreSQL. */
const MIGRATION_LOCK_KEY = 7_261_001;

/** Opens the database, applies pending migrations, and (PGlite in a folder) locks the folder. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = openPool(target.url, target.poolSize ?? 10);
    try {
      const db = drizzlePg({ client: pool, schema });
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migratePg(drizzlePg({ client, schema }), { migrationsFolder });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
        client.release();
      }
      return {
        db: db as unknown as Db,
        kind: 'postgres',
        ping: async () => {
          await pool.query('SELECT 1');
        },
        close: () => pool.end(),
      };
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw e;
    }
  }
  const lock = target.dataDir === null ? null : await lockDataDir(target.dataDir);
  try {
    // pg_trgm serves the device list's search (a trigram index), as on PostgreSQL.
    const extensions = { pg_trgm };
    const client =
      target.dataDir === null
        ? await PGlite.create({ extensions })
        : await PGlite.create(target.dataDir, { extensions });
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder });
    return {
      db: db as unknown as Db,
      kind: 'pglite',
      ping: async () => {
        await db.execute(sql`SELECT 1`);
      },
      close: async () => {
        await client.close();
        await lock?.release();
      },
    };
  } catch (e) {
    await lock?.release();
    throw e;
  }
}
