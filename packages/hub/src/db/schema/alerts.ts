import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
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
import { users } from './identity.ts';
import { locations } from './org-data.ts';
import { devices } from './devices.ts';

/** A rule's condition as stored: the protocol's AlertCondition (validated by the API). */
export type StoredAlertCondition =
  | {
      kind: 'device_status';
      statuses: string[];
      models?: string[];
      locationIds?: string[];
      serverIds?: string[];
    }
  | {
      kind: 'server_state';
      states: ('disconnected' | 'monitoring_issue' | 'monitoring_off')[];
      serverIds?: string[];
      locationIds?: string[];
    }
  | { kind: 'plan_overflow' }
  | { kind: 'plan_expiry'; warnDays?: number }
  | { kind: 'configuration_drift'; models?: string[]; locationIds?: string[] };

/** Alert rules of an organization: what to watch, after how long, how often to repeat. */
export const alertRules = pgTable(
  'alert_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    kind: text('kind', {
      enum: ['device_status', 'server_state', 'plan_overflow', 'plan_expiry', 'configuration_drift'],
    }).notNull(),
    condition: jsonb('condition').$type<StoredAlertCondition>().notNull(),
    delayS: integer('delay_s').notNull().default(120),
    repeatS: integer('repeat_s'),
    notifyResolved: boolean('notify_resolved').notNull().default(true),
    channels: jsonb('channels').$type<('email' | 'sms' | 'webhook')[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('alert_rules_org_idx').on(t.orgId)],
);

/**
 * One incident per (rule, subject) while it fails: pending during the rule's delay, open once
 * alerted, resolved when it clears. The partial unique index is what keeps several hub processes
 * from opening the same incident twice.
 */
export const alertIncidents = pgTable(
  'alert_incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    subjectType: text('subject_type', { enum: ['device', 'server', 'organization'] }).notNull(),
    /** Device, agent account or organization id (no foreign key: the record outlives its subject). */
    subjectId: uuid('subject_id').notNull(),
    subjectName: text('subject_name').notNull(),
    condition: text('condition').notNull(),
    state: text('state', { enum: ['pending', 'open', 'resolved'] })
      .notNull()
      .default('pending'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** When the opening message was queued; null while muted, folded or pending. */
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    lastNotifiedAt: timestamp('last_notified_at', { withTimezone: true }),
    repeats: integer('repeats').notNull().default(0),
    muted: boolean('muted').notNull().default(false),
    foldedIntoType: text('folded_into_type', { enum: ['device', 'server'] }),
    foldedIntoId: uuid('folded_into_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('alert_incidents_active_idx')
      .on(t.ruleId, t.subjectType, t.subjectId)
      .where(sql`state <> 'resolved'`),
    index('alert_incidents_org_active_idx')
      .on(t.orgId)
      .where(sql`state <> 'resolved'`),
    index('alert_incidents_org_started_idx').on(t.orgId, t.startedAt),
    index('alert_incidents_subject_idx').on(t.ruleId, t.subjectType, t.subjectId, t.resolvedAt),
  ],
);

/**
 * Every message an incident causes: one row per incident event, channel and recipient (unique, so
 * nothing is queued twice), claimed with a lease by whichever hub sends it.
 */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Idempotency key: the webhook's X-Crosspoint-Delivery, the email's Message-ID, the SMS provider's Idempotency-Key. */
    key: uuid('key').notNull().defaultRandom().unique(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => alertIncidents.id, { onDelete: 'cascade' }),
    /** opened, repeat:<n> or resolved. */
    event: text('event').notNull(),
    channel: text('channel', { enum: ['email', 'sms', 'webhook'] }).notNull(),
    /** User id (email, SMS) or webhook id. */
    recipient: text('recipient').notNull(),
    /** Email address, phone number or webhook URL at the time it was queued. */
    address: text('address').notNull(),
    subject: text('subject'),
    text: text('text').notNull(),
    /** Webhooks: the JSON body (without its id, added when sent). */
    payload: jsonb('payload').$type<Record<string, unknown>>(),
    status: text('status', { enum: ['queued', 'sending', 'sent', 'failed', 'kept'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    leaseToken: text('lease_token'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /**
     * Held for a grouped message (docs/alerts.md, "Grouped messages"): the group it goes out with
     * (rule, event, condition, channel, recipient); null: sent on its own.
     */
    groupKey: text('group_key'),
    /** What a grouped message lists for this row (device, model, location, server, links, language). */
    item: jsonb('item').$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex('alert_deliveries_once_idx').on(t.incidentId, t.event, t.channel, t.recipient),
    index('alert_deliveries_group_idx')
      .on(t.groupKey)
      .where(sql`${t.groupKey} IS NOT NULL AND ${t.status} IN ('queued', 'sending')`),
    index('alert_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('alert_deliveries_org_idx').on(t.orgId, t.id),
  ],
);

/**
 * One row per message group (rule, event, condition, channel, recipient): when its last message
 * left, and the digest it holds. Rows queued while a group is held carry its key; any hub's sender
 * claims a due group with its row locked, so one digest goes out, once.
 */
export const alertDeliveryGroups = pgTable(
  'alert_delivery_groups',
  {
    key: text('key').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    /** When the group's last message (alone or a digest) left, or was claimed to leave. */
    leadAt: timestamp('lead_at', { withTimezone: true }).notNull(),
    /** Rows held for the next digest. */
    held: integer('held').notNull().default(0),
    firstHeldAt: timestamp('first_held_at', { withTimezone: true }),
    /** When the held digest may go. */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('alert_delivery_groups_due_idx')
      .on(t.dueAt)
      .where(sql`${t.held} > 0`),
  ],
);

/** Maintenance windows: one-off or weekly, for an organization, a location (and below) or a device. */
export const alertMaintenanceWindows = pgTable(
  'alert_maintenance_windows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    scope: text('scope', { enum: ['organization', 'location', 'device'] }).notNull(),
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id').references(() => devices.id, { onDelete: 'cascade' }),
    schedule: jsonb('schedule')
      .$type<
        | { kind: 'once'; startsAt: string; endsAt: string }
        | { kind: 'weekly'; days: number[]; start: string; durationMinutes: number; timeZone?: string }
      >()
      .notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('alert_maintenance_windows_org_idx').on(t.orgId)],
);

/** Webhook receivers of an organization; the secret signs every call (HMAC-SHA256). */
export const alertWebhooks = pgTable(
  'alert_webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    /** What the body looks like: our signed JSON, or the incoming-webhook format of Slack or Microsoft Teams. */
    format: text('format', { enum: ['crosspoint', 'slack', 'teams'] })
      .notNull()
      .default('crosspoint'),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('alert_webhooks_org_idx').on(t.orgId)],
);

/** Which channels reach a user for one organization; no row means the defaults. */
export const alertPreferences = pgTable(
  'alert_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    email: boolean('email').notNull(),
    sms: boolean('sms').notNull(),
    mutedRuleIds: jsonb('muted_rule_ids').$type<string[]>().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.orgId] })],
);
