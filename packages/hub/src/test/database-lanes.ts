import type { DatabaseTarget } from '../db/open-database.ts';
import { createTestDatabase, laneAvailable, postgresAdminUrl } from './real-servers.ts';

export interface DatabaseLane {
  name: string;
  /** A fresh, empty database for one test file; call `drop` when done. */
  open: () => Promise<{ target: DatabaseTarget; drop: () => Promise<void> }>;
}

/**
 * The lanes a route suite runs on: embedded PGlite always, and the local PostgreSQL when it answers
 * (always under CI=true). `describe.each(await databaseLanes())` runs the same suite on both.
 */
export async function databaseLanes(): Promise<DatabaseLane[]> {
  const lanes: DatabaseLane[] = [
    {
      name: 'PGlite',
      open: () =>
        Promise.resolve({ target: { kind: 'pglite', dataDir: null }, drop: () => Promise.resolve() }),
    },
  ];
  if (await laneAvailable('PostgreSQL', postgresAdminUrl)) {
    lanes.push({
      name: 'PostgreSQL',
      open: async () => {
        const db = await createTestDatabase();
        return { target: { kind: 'postgres', url: db.url }, drop: db.drop };
      },
    });
  }
  return lanes;
}
