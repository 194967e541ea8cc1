import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

/**
 * Usage metering's facts (docs/metering.md): an organization's monitored-device counts, one row each
 * time they change (devices added or removed, Overflow recomputed, plan or license changed). Each
 * row holds the counts from `at` until the next row: a step function that the days are measured
 * from. Rows hold absolute counts, never increments, so a row written twice (two hubs, a sweep)
 * changes nothing.
 */
export const usageCounts = pgTable(
  'usage_counts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** Devices monitored: in the organization and not Overflowed. */
    proAudio: integer('pro_audio').notNull(),
    video: integer('video').notNull(),
    /** Devices past the plan (Overflowed). */
    proAudioOverflowed: integer('pro_audio_overflowed').notNull(),
    videoOverflowed: integer('video_overflowed').notNull(),
    /** The plan's (client) or license's (enterprise) maximum of Pro Audio devices then; null: none. */
    planMax: integer('plan_max'),
  },
  (t) => [index('usage_counts_org_at_idx').on(t.orgId, t.at)],
);

/**
 * One closed UTC day of an organization, by device family, measured from `usage_counts`: written
 * by the hourly rollup (an upsert: re-running it rewrites the same figures).
 */
export const usageDays = pgTable(
  'usage_days',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ['pro-audio', 'video'] }).notNull(),
    /** Most devices monitored at once that day. */
    peak: integer('peak').notNull(),
    /** ∫ devices monitored dt over the day, in device-milliseconds (device-days × 86,400,000): exact. */
    deviceMs: bigint('device_ms', { mode: 'number' }).notNull(),
    /** Most devices Overflowed at once that day (0: not in Overflow). */
    overflowedPeak: integer('overflowed_peak').notNull(),
    /** The plan's maximum at the end of the day. */
    planMax: integer('plan_max'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.kind] })],
);

/**
 * Hand-overs of clients between support organizations: a term opens when a support organization
 * attaches an existing client and closes when it releases one (a client it created has no row until
 * it is released: it was looked after from its creation). A month's usage of a client belongs to the
 * support organization of the days it looked after it (docs/metering.md).
 */
export const clientTerms = pgTable(
  'client_terms',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    supportId: uuid('support_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Null: since the client was created. */
    startedAt: timestamp('started_at', { withTimezone: true }),
    /** Null while the support organization still looks after the client. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('client_terms_support_idx').on(t.supportId, t.startedAt),
    index('client_terms_client_idx').on(t.clientId),
  ],
);
