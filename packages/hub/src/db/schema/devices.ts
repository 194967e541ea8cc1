import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { agentAccounts, locations } from './org-data.ts';

/**
 * Devices as their agents report them. A device belongs to its organization for good; when its
 * server account is deleted it stays, with `server_id` null ("unassigned").
 */
export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /**
     * The organization whose roll-up includes the device: a client's support organization, else
     * the device's own organization. Kept on the row (set on insert, moved when a client changes
     * hands) so the support organization's list and counts read one index, like one organization's.
     */
    rollupOrgId: uuid('rollup_org_id').notNull(),
    serverId: uuid('server_id').references(() => agentAccounts.id, { onDelete: 'set null' }),
    /** The agent's id of the device (family + serial), stable across addresses. */
    agentDeviceId: text('agent_device_id').notNull(),
    family: text('family').notNull(),
    kind: text('kind', { enum: ['pro-audio', 'video'] }).notNull(),
    model: text('model').notNull(),
    serial: text('serial').notNull(),
    firmware: text('firmware').notNull(),
    name: text('name').notNull(),
    ip: text('ip').notNull(),
    parentAgentId: text('parent_agent_id'),
    path: jsonb('path').$type<string[]>().notNull().default([]),
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * What the list's search box looks in, lowercased, one field per line (a search term cannot
     * span two fields): one trigram index serves `LIKE '%term%'` over all of them.
     */
    searchText: text('search_text')
      .notNull()
      .generatedAlwaysAs(
        sql`lower(name || E'\\n' || serial || E'\\n' || model || E'\\n' || ip || E'\\n' || firmware || E'\\n' || (path)::text)`,
      ),
  },
  (t) => [
    uniqueIndex('devices_org_agent_id_idx').on(t.orgId, t.agentDeviceId),
    index('devices_org_name_idx').on(t.orgId, sql`lower(${t.name})`),
    index('devices_rollup_name_idx').on(t.rollupOrgId, sql`lower(${t.name})`),
    index('devices_server_idx').on(t.serverId),
    index('devices_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

/**
 * The volatile half of a device: what every status change writes. Kept apart from `devices` so an
 * update touches this narrow row and its two indexes only, never the searchable columns and their
 * trigram index. `overflowed` (past the plan) overrides the status the agent reports.
 */
export const deviceState = pgTable(
  'device_state',
  {
    deviceId: uuid('device_id')
      .primaryKey()
      .references(() => devices.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').notNull(),
    /** A copy of `devices.rollup_org_id`, so the roll-up's counts and status filters read this table alone. */
    rollupOrgId: uuid('rollup_org_id').notNull(),
    status: text('status').notNull(),
    statusSince: timestamp('status_since', { withTimezone: true }).notNull(),
    overflowed: boolean('overflowed').notNull().default(false),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** Copies of `devices.kind` and `devices.location_id`, so counts and status filters read this table alone. */
    kind: text('kind', { enum: ['pro-audio', 'video'] }).notNull(),
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'set null' }),
  },
  (t) => [
    // The list sorts and filters on the effective status; this expression must stay identical to
    // `effectiveStatus` in device.repository.ts for the planner to use it.
    index('device_state_org_effective_idx').on(
      t.orgId,
      sql`(CASE WHEN ${t.overflowed} THEN 'Overflowed' ELSE ${t.status} END)`,
      t.deviceId,
    ),
    index('device_state_rollup_effective_idx').on(
      t.rollupOrgId,
      sql`(CASE WHEN ${t.overflowed} THEN 'Overflowed' ELSE ${t.status} END)`,
      t.deviceId,
    ),
  ],
);

/**
 * Dashboard counts kept as devices change (issue #24): devices per organization, roll-up, location
 * and effective status (Overflowed, else the status); a count is the sum of its key's rows.
 * Statement-level triggers on `device_state` (migration 0029) append one row per key a statement
 * changed, in the writer's transaction: exact on every write path and with several hubs, and no
 * lock any other writer waits on. The hubs fold each key's rows into one (`folded`) every second
 * (`DeviceRepository.foldCounts`); the summary reads these few rows instead of recounting.
 */
export const deviceStatusCounts = pgTable(
  'device_status_counts',
  {
    orgId: uuid('org_id').notNull(),
    rollupOrgId: uuid('rollup_org_id').notNull(),
    locationId: uuid('location_id'),
    status: text('status').notNull(),
    n: integer('n').notNull(),
    /** The key's rows folded into this one (rows the triggers append are not, until the next fold). */
    folded: boolean('folded').notNull().default(false),
  },
  (t) => [
    index('device_status_counts_org_idx').on(t.orgId),
    index('device_status_counts_rollup_idx').on(t.rollupOrgId),
    index('device_status_counts_unfolded_idx')
      .on(t.orgId)
      .where(sql`NOT ${t.folded}`),
  ],
);

/** Devices per organization, roll-up, model and kind: appended by triggers on `devices` and folded like `device_status_counts`. */
export const deviceModelCounts = pgTable(
  'device_model_counts',
  {
    orgId: uuid('org_id').notNull(),
    rollupOrgId: uuid('rollup_org_id').notNull(),
    model: text('model').notNull(),
    kind: text('kind', { enum: ['pro-audio', 'video'] }).notNull(),
    n: integer('n').notNull(),
    folded: boolean('folded').notNull().default(false),
  },
  (t) => [
    index('device_model_counts_org_idx').on(t.orgId),
    index('device_model_counts_rollup_idx').on(t.rollupOrgId),
    index('device_model_counts_unfolded_idx')
      .on(t.orgId)
      .where(sql`NOT ${t.folded}`),
  ],
);

/**
 * Every status a device had, with since when: uptime reports and the device timeline read this.
 * Partitioned by month of `since` in the database (migration 0027, which drizzle-kit cannot
 * express): there the primary key is (id, since); old months are dropped whole by
 * services/history-retention.ts once summed up in `device_status_daily`.
 */
export const deviceStatusHistory = pgTable(
  'device_status_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull(),
    observedAt: timestamp('observed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('device_status_history_device_idx').on(t.deviceId, t.since)],
);

/**
 * How long each device spent in each status, per UTC day, summed up from the history before its
 * month is dropped (services/history-retention.ts): availability over periods longer than the
 * history is kept.
 */
export const deviceStatusDaily = pgTable(
  'device_status_daily',
  {
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    seconds: integer('seconds').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.deviceId, t.day, t.status] }),
    index('device_status_daily_day_idx').on(t.day),
  ],
);

/** Device commands as durable jobs: who asked, what, progress, and how it ended. */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id').references(() => devices.id, { onDelete: 'set null' }),
    command: jsonb('command').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed'] })
      .notNull()
      .default('queued'),
    percent: integer('percent').notNull().default(0),
    phase: text('phase').notNull().default('queued'),
    result: jsonb('result'),
    error: jsonb('error').$type<{ code: string; message: string }>(),
    createdBy: text('created_by').notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** The hub process dispatching the job, until when: a job whose lease ran out is taken over. */
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /** Times the job was sent to its agent (again after a hub or agent restart). */
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [
    index('jobs_org_created_idx').on(t.orgId, t.createdAt),
    index('jobs_device_idx').on(t.deviceId),
    index('jobs_unfinished_idx')
      .on(t.leaseUntil)
      .where(sql`finished_at IS NULL`),
  ],
);
