import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { commandFiles } from '../db/schema/index.ts';

export type CommandFileRecord = typeof commandFiles.$inferSelect;
export type CommandFileInfo = Omit<CommandFileRecord, 'data'>;

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

export class CommandFileRepository {
  constructor(private readonly db: Db) {}

  async create(file: Omit<CommandFileRecord, 'id' | 'createdAt'>): Promise<CommandFileInfo> {
    const [row] = await this.db.insert(commandFiles).values(file).returning(infoColumns);
    if (!row) throw new Error('insert returned no row');
    return row;
  }

  /** A file's facts without its contents. */
  async info(orgId: string, id: string): Promise<CommandFileInfo | undefined> {
    const [row] = await this.db
      .select(infoColumns)
      .from(commandFiles)
      .where(and(eq(commandFiles.orgId, orgId), eq(commandFiles.id, id)));
    return row;
  }

  async withData(orgId: string, id: string): Promise<CommandFileRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(commandFiles)
      .where(and(eq(commandFiles.orgId, orgId), eq(commandFiles.id, id)));
    return row;
  }
}
