import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.ts';
import { InstallationRepository } from '../repositories/installation.repository.ts';
import {
  createTestDatabase,
  laneAvailable,
  postgresAdminUrl,
  type TestDatabase,
} from '../test/real-servers.ts';
import { startHubForTest } from '../test/hub-under-test.ts';

const run = await laneAvailable('PostgreSQL', postgresAdminUrl);

describe.skipIf(!run)('PostgreSQL lane', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it('applies the same migrations once, even when two hubs start together', async () => {
    const [a, b] = await Promise.all([
      openDatabase({ kind: 'postgres', url: testDb.url }),
      openDatabase({ kind: 'postgres', url: testDb.url }),
    ]);
    const [ia, ib] = await Promise.all([
      new InstallationRepository(a.db).ensure(),
      new InstallationRepository(b.db).ensure(),
    ]);
    expect(ia.id).toBe(ib.id);
    await Promise.all([a.close(), b.close()]);
  });

  it('runs the hub on PostgreSQL and reports it', async () => {
    const hub = await startHubForTest({ database: { kind: 'postgres', url: testDb.url } });
    try {
      const info = (await (await hub.get('/api/v1/system/info')).json()) as { database: string };
      expect(info.database).toBe('postgres');
      expect((await hub.get('/readyz')).status).toBe(200);
    } finally {
      await hub.close();
    }
  });
});
