import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';
import { organizations } from './organizations.ts';

/**
 * Files of device commands, per organization: firmware images and projects people upload, backups
 * and logs agents send back. Kept in the database so every hub serves every file.
 */
export const commandFiles = pgTable(
  'command_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['firmware', 'project', 'backup', 'logs'] }).notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** False while it is being received: its chunks are not all there yet, nobody reads it. */
    complete: boolean('complete').notNull().default(true),
  },
  (t) => [index('command_files_org_created_idx').on(t.orgId, t.createdAt)],
);

/**
 * The contents of a file, in chunks of `fileChunkBytes` (the last one shorter), so that a file of
 * any size is written and read with a chunk's memory at a time.
 */
export const commandFileChunks = pgTable(
  'command_file_chunks',
  {
    fileId: uuid('file_id')
      .notNull()
      .references(() => commandFiles.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fileId, t.seq] })],
);
