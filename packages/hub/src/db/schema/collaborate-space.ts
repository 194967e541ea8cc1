import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { users } from './identity.ts';

/**
 * COLLABORATE Space links (docs/collaborate-space.md): a person's own (user_id set) or the
 * organization's (user_id null, the dashboard's), each in one organization. The tokens are sealed
 * (context `collaborate-space:<link id>`); the hub refreshes them and stores the rotated ones.
 */
export const collaborateSpaceLinks = pgTable(
  'collaborate_space_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Null: the organization's link. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    baseUrl: text('base_url').notNull(),
    csUserId: text('cs_user_id').notNull(),
    csUserName: text('cs_user_name').notNull(),
    csUserEmail: text('cs_user_email').notNull(),
    csRole: text('cs_role').notNull(),
    accessToken: text('access_token').notNull(),
    refreshToken: text('refresh_token').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    linkedBy: uuid('linked_by').references(() => users.id, { onDelete: 'set null' }),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('collaborate_space_links_org_idx')
      .on(t.orgId)
      .where(sql`user_id IS NULL`),
    uniqueIndex('collaborate_space_links_person_idx')
      .on(t.orgId, t.userId)
      .where(sql`user_id IS NOT NULL`),
  ],
);

/** Link requests between "Link" and CS's answer (10 minutes, single use; the state is stored hashed). */
export const collaborateSpaceLinkStates = pgTable(
  'collaborate_space_link_states',
  {
    stateHash: text('state_hash').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scope: text('scope').$type<'person' | 'organization'>().notNull(),
    baseUrl: text('base_url').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('collaborate_space_link_states_expires_idx').on(t.expiresAt)],
);
