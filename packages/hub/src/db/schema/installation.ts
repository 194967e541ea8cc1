import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** One row: who this hub installation is. Created by the first start. */
export const installation = pgTable('installation', {
  id: uuid('id').primaryKey().defaultRandom(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  singleton: text('singleton').notNull().unique().default('installation'),
  /** The installation's one public URL (links in mail, Message-ID domain): stored by the first hub started with one. */
  publicUrl: text('public_url'),
});
