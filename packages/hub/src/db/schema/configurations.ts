import { configurationTriggers } from '@crosspoint/protocol';
import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { devices, jobs } from './devices.ts';
import { commandFiles } from './files.ts';

/**
 * Kept configurations of devices: each successful backup whose contents differ from the device's
 * previous version. The contents are the backup file (command_files), kept as long as the version.
 */
export const configurationVersions = pgTable(
  'configuration_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => commandFiles.id, { onDelete: 'cascade' }),
    trigger: text('trigger', { enum: configurationTriggers }).notNull(),
    /** Who asked (a person's label, "hub (nightly backup)", "agent …"). */
    createdBy: text('created_by').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
    /** The latest backup found this same content (identical backups are not stored twice). */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    jobId: uuid('job_id'),
  },
  (t) => [index('configuration_versions_device_idx').on(t.orgId, t.deviceId, t.takenAt)],
);

/** The version a person approved as what a device should hold; drift is measured from it. */
export const configurationBaselines = pgTable('configuration_baselines', {
  deviceId: uuid('device_id')
    .primaryKey()
    .references(() => devices.id, { onDelete: 'cascade' }),
  orgId: uuid('org_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  versionId: uuid('version_id')
    .notNull()
    .references(() => configurationVersions.id, { onDelete: 'cascade' }),
  approvedBy: text('approved_by').notNull(),
  approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
});

/** Per organization: the nightly backup and retention (a missing row means the defaults). */
export const configurationSettings = pgTable('configuration_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  nightly: boolean('nightly').notNull().default(true),
  keepVersions: integer('keep_versions').notNull().default(100),
  keepDays: integer('keep_days').notNull().default(365),
  /** The last UTC day whose nightly backup a hub claimed (several hubs: one claims it). */
  nightlyDoneOn: text('nightly_done_on'),
});

/** Backup jobs the configuration service asked for, and why (a backup run by hand has none). */
export const configurationBackupJobs = pgTable(
  'configuration_backup_jobs',
  {
    jobId: uuid('job_id')
      .primaryKey()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id').notNull(),
    trigger: text('trigger', { enum: configurationTriggers }).notNull(),
    requestedBy: text('requested_by').notNull(),
  },
  (t) => [index('configuration_backup_jobs_device_idx').on(t.deviceId)],
);
