import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';
import { organizations } from './organizations.ts';
import { users } from './identity.ts';

/**
 * A conversation about one organization: a client's (its people and its support organization's
 * take part) or a support organization's own (its people only). See docs/communications.md.
 */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The latest message's time (the list's order); null until the first message. */
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
  },
  (t) => [index('conversations_org_last_idx').on(t.orgId, t.lastMessageAt)],
);

/** Messages and call records; never edited. */
export const conversationMessages = pgTable(
  'conversation_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** The author's name when posted (kept when the account goes). */
    authorName: text('author_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    body: text('body').notNull(),
    callKind: text('call_kind', { enum: ['audio', 'video'] }),
    callOutcome: text('call_outcome', { enum: ['completed', 'missed', 'declined'] }),
    callDurationS: integer('call_duration_s'),
    /** A call record's call: one record per call, whoever ends it first. */
    callId: uuid('call_id').unique(),
  },
  (t) => [
    index('conversation_messages_conv_at_idx').on(t.conversationId, t.at, t.id),
    index('conversation_messages_body_trgm_idx').using('gin', sql`${t.body} gin_trgm_ops`),
  ],
);

/** Files attached to messages: uploaded first (message_id null), then named by the message. */
export const messageAttachments = pgTable(
  'message_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => conversationMessages.id, { onDelete: 'cascade' }),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    data: bytea('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('message_attachments_conv_idx').on(t.conversationId),
    index('message_attachments_message_idx').on(t.messageId),
  ],
);

/** How far each person has read a conversation: unread counts. */
export const conversationReads = pgTable(
  'conversation_reads',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] })],
);

/**
 * One row per open live-events stream, on any hub: a person with a fresh row is online. The stream
 * refreshes `seen_at` while open and deletes its row when it ends; a hub that dies leaves rows that
 * go stale (presenceFreshMs).
 */
export const presenceStreams = pgTable(
  'presence_streams',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('presence_streams_user_idx').on(t.userId, t.seenAt)],
);

/** An organization's STUN/TURN servers for calls (TURN credentials sealed). */
export const callSettings = pgTable('call_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  iceServers: jsonb('ice_servers')
    .$type<{ urls: string[]; username?: string; credential?: string }[]>()
    .notNull(),
  iceTransportPolicy: text('ice_transport_policy', { enum: ['all', 'relay'] }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
