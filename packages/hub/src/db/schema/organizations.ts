import { sql } from 'drizzle-orm';
import {
  date,
  type AnyPgColumn,
  integer,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uuid,
  index,
  check,
  boolean,
} from 'drizzle-orm/pg-core';

/** Client account numbers C10000, C10001, … are unique per hub. */
export const clientAccountNumbers = pgSequence('client_account_number', { startWith: 10000 });

/**
 * Every tenant: the platform operator's organization, support organizations (AV integrators),
 * their client organizations, or the single enterprise organization.
 */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['platform', 'support', 'client', 'enterprise'] }).notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => organizations.id),
    name: text('name').notNull(),
    accountNumber: text('account_number').unique(),
    clientReference: text('client_reference'),
    /** Support orgs: licensed Pro Audio devices they may allocate to clients. Enterprise: licensed capacity. */
    devicePool: integer('device_pool'),
    planMaxDevices: integer('plan_max_devices'),
    planStart: date('plan_start', { mode: 'string' }),
    planEnd: date('plan_end', { mode: 'string' }),
    /** First time a member of this organization signed in (Invited → Active). */
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    /** Members must use a second factor (accounts whose directory or provider does it are excepted). */
    requireTwoFactor: boolean('require_two_factor').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('organizations_parent_idx').on(t.parentId),
    check('organizations_plan_positive', sql`${t.planMaxDevices} IS NULL OR ${t.planMaxDevices} >= 0`),
    check('organizations_pool_positive', sql`${t.devicePool} IS NULL OR ${t.devicePool} >= 0`),
  ],
);
