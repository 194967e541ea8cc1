// Test lanes that need real servers (PostgreSQL, NATS). On a developer machine without them the
// lane is skipped with a printed reason; with CI=true a missing server fails the run instead.
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const inCi = process.env.CI === 'true';

export const postgresAdminUrl =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const natsTestUrl = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

function reachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Whether a real-server lane runs. Returns false (and prints why) when the server is missing on a
 * developer machine; throws under CI, where every lane must run.
 */
export async function laneAvailable(lane: string, url: string): Promise<boolean> {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol.startsWith('postgres') ? 5432 : 4222));
  if (await reachable(u.hostname, port)) return true;
  const reason = `${lane} lane: no server at ${u.hostname}:${port}`;
  if (inCi) throw new Error(`${reason}, and CI=true requires it.`);
  console.warn(`SKIPPED ${reason} (set CI=true to make this a failure).`);
  return false;
}

/** A unique name for per-test databases, schemas and subject prefixes. */
export const uniqueName = (prefix: string): string =>
  `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

/** Creates an empty database of its own on the local PostgreSQL; `drop()` removes it. */
export async function createTestDatabase(prefix = 'cp_test'): Promise<TestDatabase> {
  const name = uniqueName(prefix);
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: postgresAdminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
