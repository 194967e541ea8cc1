import { afterEach, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { openDatabase } from './open-database.ts';
import { DataDirLockedError } from './data-dir-lock.ts';
import { InstallationRepository } from '../repositories/installation.repository.ts';
import { tempDir } from '../test/temp-dir.ts';

describe('embedded data folder', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('refuses a second hub on the same folder, and keeps data across restarts', async () => {
    const dir = await tempDir('cp-data');
    cleanups.push(dir.remove);
    const first = await openDatabase({ kind: 'pglite', dataDir: dir.path });
    const installed = await new InstallationRepository(first.db).ensure();

    const second = openDatabase({ kind: 'pglite', dataDir: dir.path });
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(second).rejects.toThrow(/in use by another hub/);

    await first.close();
    const reopened = await openDatabase({ kind: 'pglite', dataDir: dir.path });
    cleanups.push(() => reopened.close());
    const again = await new InstallationRepository(reopened.db).ensure();
    expect(again.id).toBe(installed.id);
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const dir = await tempDir('cp-data');
    cleanups.push(dir.remove);
    await writeFile(
      join(dir.path, 'crosspoint-hub.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: new Date(0).toISOString() }),
    );
    const db = await openDatabase({ kind: 'pglite', dataDir: dir.path });
    await db.close();
  });
});
