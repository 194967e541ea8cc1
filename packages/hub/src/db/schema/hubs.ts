import { timestamp, pgTable, uuid } from 'drizzle-orm/pg-core';

/**
 * One row per running hub process: its liveness. Each hub beats every few seconds; a hub whose beat
 * is older than the presence timeout is gone (killed, powered off): the first survivor to claim its
 * row (by deleting it) marks the agents it held Disconnected.
 */
export const hubProcesses = pgTable('hub_processes', {
  id: uuid('id').primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  beatAt: timestamp('beat_at', { withTimezone: true }).notNull(),
});
