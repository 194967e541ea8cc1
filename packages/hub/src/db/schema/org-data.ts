import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
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
import type { AgentUpdateInfo } from '@crosspoint/protocol';
import { organizations } from './organizations.ts';
import { users } from './identity.ts';

/** Any hierarchy per organization: region › building › floor › room. */
export const locations = pgTable(
  'locations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => locations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['region', 'site', 'building', 'floor', 'room', 'other'] }).notNull(),
    /** IANA time zone of the place (and of what is under it unless it names its own): campaigns' windows. */
    timeZone: text('time_zone'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('locations_org_idx').on(t.orgId),
    uniqueIndex('locations_sibling_name_idx').on(
      t.orgId,
      sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`lower(${t.name})`,
    ),
  ],
);

/** Agent server accounts: what an agent signs in with. */
export const agentAccounts = pgTable(
  'agent_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    locationId: uuid('location_id').references(() => locations.id, { onDelete: 'set null' }),
    agentVersion: text('agent_version'),
    monitoring: text('monitoring', { enum: ['active', 'issue', 'off'] })
      .notNull()
      .default('off'),
    subnetsEnabled: integer('subnets_enabled').notNull().default(0),
    subnetsTotal: integer('subnets_total').notNull().default(0),
    deviceCount: integer('device_count').notNull().default(0),
    /**
     * The agent's latest health report (its CPU, memory, backlog and issues, with the hub's own
     * findings such as clock skew added), as of `reportedAt`; null until an agent sends one.
     */
    health: jsonb('health').$type<{
      /** The agent's update setting and latest update step (agents that update themselves). */
      update?: AgentUpdateInfo;
      /** The link's round trip (hub → agent → hub) at the latest heartbeat, in ms. */
      uplinkRttMs?: number;
      /** Null when only the hub's own findings are known (an agent sending no report). */
      cpuPercent: number | null;
      memoryMb: number | null;
      backlog: number | null;
      issues: { code: string; reason: string }[];
      reportedAt: string;
    }>(),
    /** Highest frame sequence number of the agent's link that is stored (acknowledged). */
    lastSeq: integer('last_seq').notNull().default(-1),
    /** The agent installation the sequence numbers belong to (a reinstalled agent starts again). */
    agentInstance: text('agent_instance'),
    connectedAt: timestamp('connected_at', { withTimezone: true }),
    /** The hub process holding the agent's link while connected (`hub_processes.id`). */
    hubId: uuid('hub_id'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agent_accounts_org_name_idx').on(t.orgId, sql`lower(${t.name})`)],
);

/** Append-only record of every change: who, what, when, from where. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_events_org_at_idx').on(t.orgId, t.at)],
);

/** Mail waiting to be sent, sent, or kept for the operator when no SMTP server is configured. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'set null' }),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    /** The text as the operator's outbox shows it: sign-in links (reset, invitation) redacted. */
    text: text('text').notNull(),
    /** The text as mailed, sealed under the hub's secret key, while it still has to be sent; null once sent, given up or kept. */
    textSealed: text('text_sealed'),
    kind: text('kind').notNull(),
    /**
     * Files to attach, by reference (e.g. an invoice's PDF): made when the mail is sent, so the
     * outbox holds no documents.
     */
    attachments: jsonb('attachments').$type<{ kind: string; orgId: string; id: string }[]>(),
    status: text('status', { enum: ['queued', 'sent', 'failed', 'kept'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('mail_outbox_status_idx').on(t.status, t.id)],
);

/** Enterprise license files installed, newest wins. */
export const licenses = pgTable('licenses', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  licensee: text('licensee').notNull(),
  devices: integer('devices').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  document: text('document').notNull(),
  installedAt: timestamp('installed_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An organization's own SMTP server for its alert emails (without a row: the hub's default). The password is sealed (AES-256-GCM). */
export const orgSmtpSettings = pgTable('org_smtp_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  host: text('host').notNull(),
  port: integer('port').notNull(),
  security: text('security', { enum: ['tls', 'starttls', 'none'] }).notNull(),
  username: text('username'),
  passwordSealed: text('password_sealed'),
  fromAddress: text('from_address').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
});
