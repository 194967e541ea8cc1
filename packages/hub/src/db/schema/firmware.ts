import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { commandFiles } from './files.ts';
import { devices, jobs } from './devices.ts';

/**
 * The firmware catalog: packages the platform operator (for everyone) and each organization (for
 * itself and, for a support organization, its clients) publish. A package names an uploaded
 * firmware file, the models it is for and the version it installs; withdrawn packages start no
 * new update.
 */
export const firmwarePackages = pgTable(
  'firmware_packages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => commandFiles.id, { onDelete: 'restrict' }),
    family: text('family').notNull(),
    /** Model codes (deviceModels keys) the image is for. */
    models: jsonb('models').$type<string[]>().notNull(),
    version: text('version').notNull(),
    releaseNotes: text('release_notes').notNull().default(''),
    sha256: text('sha256').notNull(),
    signature: text('signature'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: text('withdrawn_by'),
  },
  (t) => [
    index('firmware_packages_org_idx').on(t.orgId, t.createdAt),
    uniqueIndex('firmware_packages_org_family_version_idx').on(t.orgId, t.family, t.version),
  ],
);

export type CampaignWaveSpec = { unit: 'count' | 'percent'; size: number };
export type CampaignFilterSpec = {
  families?: string[];
  models?: string[];
  versions?: string[];
  locationId?: string;
  organizationIds?: string[];
};
export type CampaignWindowSpec = { days: number[]; start: string; durationMinutes: number; timeZone: string };

/**
 * Firmware campaigns: one package rolled out in waves over the devices a filter chose, with the
 * thresholds and the health gate that decide whether the next wave starts. Driven by the campaign
 * engine on every hub; a hub works on a campaign while it holds its lease.
 */
export const firmwareCampaigns = pgTable(
  'firmware_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    packageId: uuid('package_id')
      .notNull()
      .references(() => firmwarePackages.id, { onDelete: 'restrict' }),
    filter: jsonb('filter').$type<CampaignFilterSpec>().notNull(),
    pilot: integer('pilot').notNull(),
    waves: jsonb('waves').$type<CampaignWaveSpec[]>().notNull(),
    successThreshold: integer('success_threshold').notNull(),
    errorThreshold: integer('error_threshold').notNull(),
    healthGateMinutes: integer('health_gate_minutes').notNull(),
    window: jsonb('window').$type<CampaignWindowSpec>(),
    requireApproval: boolean('require_approval').notNull().default(false),
    status: text('status', {
      enum: ['awaiting-approval', 'running', 'paused', 'halted', 'completed', 'aborted'],
    }).notNull(),
    currentWave: integer('current_wave').notNull().default(0),
    haltReason: text('halt_reason'),
    createdBy: text('created_by').notNull(),
    createdByUserId: text('created_by_user_id'),
    approvedBy: text('approved_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** The hub working on it, until when (several hubs: one works on a campaign at a time). */
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
  },
  (t) => [
    index('firmware_campaigns_org_idx').on(t.orgId, t.createdAt),
    index('firmware_campaigns_active_idx')
      .on(t.status)
      .where(sql`status = 'running'`),
  ],
);

/**
 * One device of a campaign: its wave and where it is. `pending` → `updating` (its job, whose id is
 * chosen when the device is claimed, so a hub that dies between the two makes the same job) →
 * `verifying` (the job succeeded; waiting for the health gate) → `updated`, or `failed` /
 * `skipped` / `cancelled`, with the reason.
 */
export const firmwareCampaignTargets = pgTable(
  'firmware_campaign_targets',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => firmwareCampaigns.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').notNull(),
    wave: integer('wave').notNull(),
    state: text('state', {
      enum: ['pending', 'updating', 'verifying', 'updated', 'failed', 'skipped', 'cancelled'],
    }).notNull(),
    jobId: uuid('job_id').references(() => jobs.id, { onDelete: 'set null' }),
    /** The job's id, chosen at claim time (kept even if the job row goes). */
    plannedJobId: uuid('planned_job_id'),
    fromVersion: text('from_version').notNull(),
    /** Peripherals behind the device when it started: the health gate wants them back. */
    peripheralsBefore: integer('peripherals_before').notNull().default(0),
    reason: text('reason'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    jobDoneAt: timestamp('job_done_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('firmware_campaign_targets_pk').on(t.campaignId, t.deviceId),
    index('firmware_campaign_targets_wave_idx').on(t.campaignId, t.wave, t.state),
  ],
);
