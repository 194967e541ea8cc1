import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { commandFileChunks, commandFiles } from '../db/schema/index.ts';

export type CommandFileInfo = Omit<typeof commandFiles.$inferSelect, 'complete'>;

/** Size of the chunks a file's contents are kept in (the last one shorter). */
export const fileChunkBytes = 256 * 1024;

const infoColumns = {
  id: commandFiles.id,
  orgId: commandFiles.orgId,
  name: commandFiles.name,
  kind: commandFiles.kind,
  bytes: commandFiles.bytes,
  sha256: commandFiles.sha256,
  createdBy: commandFiles.createdBy,
  createdAt: commandFiles.createdAt,
};

/**
 * Files of device commands, written and read a chunk at a time: a file being received is a row
 * marked incomplete (its `bytes` reserve its declared size against the organization's quota) whose
 * chunks are added one by one, then completed; only complete files are read.
 */
export class CommandFileRepository {
  constructor(private readonly db: Db) {}

  /** Starts receiving a file; `bytes` is the size it announced (0 when unknown). */
  async begin(file: Omit<CommandFileInfo, 'id' | 'createdAt' | 'sha256'>): Promise<CommandFileInfo> {
    const [row] = await this.db
      .insert(commandFiles)
      .values({ ...file, sha256: '', complete: false })
      .returning(infoColumns);
    if (!row) throw new Error('insert returned no row');
    return row;
  }

  async appendChunk(fileId: string, seq: number, data: Buffer): Promise<void> {
    await this.db.insert(commandFileChunks).values({ fileId, seq, data });
  }

  async complete(fileId: string, bytes: number, sha256: string): Promise<CommandFileInfo> {
    const [row] = await this.db
      .update(commandFiles)
      .set({ bytes, sha256, complete: true })
      .where(eq(commandFiles.id, fileId))
      .returning(infoColumns);
    if (!row) throw new Error('the file being received is gone');
    return row;
  }

  /** Drops a file that was not received whole (its chunks go with it). */
  async discard(fileId: string): Promise<void> {
    await this.db
      .delete(commandFiles)
      .where(and(eq(commandFiles.id, fileId), eq(commandFiles.complete, false)));
  }

  /** Drops files left incomplete since before `before` (their hub stopped while receiving them). */
  async discardStale(before: Date): Promise<number> {
    const rows = await this.db
      .delete(commandFiles)
      .where(and(eq(commandFiles.complete, false), lt(commandFiles.createdAt, before)))
      .returning({ id: commandFiles.id });
    return rows.length;
  }

  /** A complete file's facts, without its contents. */
  async info(orgId: string, id: string): Promise<CommandFileInfo | undefined> {
    const [row] = await this.db
      .select(infoColumns)
      .from(commandFiles)
      .where(and(eq(commandFiles.orgId, orgId), eq(commandFiles.id, id), eq(commandFiles.complete, true)));
    return row;
  }

  /** Chunk `seq` of a file, or undefined past its end. */
  async chunk(fileId: string, seq: number): Promise<Buffer | undefined> {
    const [row] = await this.db
      .select({ data: commandFileChunks.data })
      .from(commandFileChunks)
      .where(and(eq(commandFileChunks.fileId, fileId), eq(commandFileChunks.seq, seq)));
    return row?.data;
  }

  /** Deletes files of the organization (their chunks go with them). */
  async delete(orgId: string, ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const rows = await this.db
      .delete(commandFiles)
      .where(and(eq(commandFiles.orgId, orgId), inArray(commandFiles.id, ids)))
      .returning({ id: commandFiles.id });
    return rows.length;
  }

  /** Bytes an organization keeps, files being received included (at their announced size). */
  async usedBytes(orgId: string): Promise<number> {
    const [row] = await this.db
      .select({ total: sql<string>`coalesce(sum(${commandFiles.bytes}), 0)` })
      .from(commandFiles)
      .where(eq(commandFiles.orgId, orgId));
    return Number(row?.total ?? 0);
  }
}
