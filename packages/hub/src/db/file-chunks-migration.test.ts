// Migration 0011 moves files kept whole (a bytea column) into chunks of 1 MiB: a database of a hub
// from before it, holding files of several sizes, reads every file back byte for byte after it.
import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder } from './open-database.ts';
import { CommandFileRepository, fileChunkBytes } from '../repositories/command-file.repository.ts';
import type { Db } from './open-database.ts';
import { migrationsBefore } from '../test/migrations-before.ts';

describe('migration 0011: files in chunks', () => {
  it('cuts files kept whole into chunks, and every file reads back the same', async () => {
    const client = await PGlite.create({ extensions: { pg_trgm } });
    const db = drizzle({ client });
    await migrate(db, { migrationsFolder: await migrationsBefore('0011_file_chunks') });
    const [org] = (
      await client.query<{ id: string }>(
        `INSERT INTO organizations (name, kind) VALUES ('Old hub org', 'client') RETURNING id`,
      )
    ).rows;
    const sizes = [1, fileChunkBytes - 1, fileChunkBytes, fileChunkBytes + 1, 3 * fileChunkBytes + 777];
    const files = sizes.map((n) => randomBytes(n));
    const ids: string[] = [];
    for (const [i, data] of files.entries()) {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO command_files (org_id, name, kind, bytes, sha256, data, created_by) VALUES ($1, $2, 'firmware', $3, $4, $5, 'test') RETURNING id`,
        [org?.id, `f${String(i)}.bin`, data.length, createHash('sha256').update(data).digest('hex'), data],
      );
      ids.push(rows[0]?.id ?? '');
    }

    await migrate(db, { migrationsFolder });
    const repo = new CommandFileRepository(db as unknown as Db);
    for (const [i, data] of files.entries()) {
      const info = await repo.info(org?.id ?? '', ids[i] ?? '');
      expect(info?.bytes).toBe(data.length);
      const parts: Buffer[] = [];
      for (let seq = 0; ; seq++) {
        const chunk = await repo.chunk(ids[i] ?? '', seq);
        if (!chunk) break;
        expect(chunk.length).toBeLessThanOrEqual(fileChunkBytes);
        parts.push(chunk);
      }
      expect(parts).toHaveLength(Math.ceil(data.length / fileChunkBytes));
      expect(Buffer.concat(parts).equals(data)).toBe(true);
    }
    await client.close();
  });
});
