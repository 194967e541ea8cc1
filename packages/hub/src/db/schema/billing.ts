import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  bigserial,
  date,
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

/**
 * Billing (docs/billing.md). A support organization's price list, its own details, invoice
 * numbering and reminder schedule: one row, made with the defaults on first use.
 */
export const billingSettings = pgTable('billing_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  currency: text('currency').notNull().default('EUR'),
  pricePeriod: text('price_period', { enum: ['month', 'year'] })
    .notNull()
    .default('month'),
  /** Minor units (cents) per device per period. */
  proAudioPrice: bigint('pro_audio_price', { mode: 'number' }).notNull().default(0),
  videoPrice: bigint('video_price', { mode: 'number' }).notNull().default(0),
  minimum: bigint('minimum', { mode: 'number' }).notNull().default(0),
  /** Basis points: 1900 = 19 %. */
  taxRateBp: integer('tax_rate_bp').notNull().default(0),
  paymentTermsDays: integer('payment_terms_days').notNull().default(30),
  legalName: text('legal_name').notNull().default(''),
  address: text('address').notNull().default(''),
  taxId: text('tax_id').notNull().default(''),
  paymentDetails: text('payment_details').notNull().default(''),
  numberPrefix: text('number_prefix').notNull().default('INV-'),
  /** The number the next issued invoice gets; taken under the row's lock, so none is skipped or repeated. */
  nextNumber: integer('next_number').notNull().default(1),
  /** Days relative to the due date reminders go out (-7: a week before). */
  reminderDays: jsonb('reminder_days').$type<number[]>().notNull().default([-7, 0, 7, 14]),
  /** Draft each month's invoices on the 2nd of the next month (billing's sweep). */
  autoDraft: boolean('auto_draft').notNull().default(true),
  /**
   * The last month (YYYY-MM) the sweep drafted, or the month before prices were first set (nothing
   * earlier is drafted by itself); claimed by one hub with a conditional update.
   */
  autoDraftedThrough: text('auto_drafted_through'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Who a client's invoices and reminders go to, in which language. */
export const billingContacts = pgTable('billing_contacts', {
  clientId: uuid('client_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  email: text('email').notNull(),
  language: text('language').notNull().default('en'),
});

export interface InvoiceLineRecord {
  kind: 'pro-audio' | 'video' | 'custom' | 'minimum';
  description: string;
  /** Hundredths of a unit (average devices to 2 decimals). */
  quantity100: number;
  unitPrice: number;
  amount: number;
}

/** One invoice of a support organization to one of its clients for one month. */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    state: text('state', { enum: ['draft', 'issued', 'overdue', 'paid', 'void'] }).notNull(),
    /** The sequence number, given on issue (null while draft). */
    seq: integer('seq'),
    number: text('number'),
    currency: text('currency').notNull(),
    taxRateBp: integer('tax_rate_bp').notNull(),
    lines: jsonb('lines').$type<InvoiceLineRecord[]>().notNull(),
    notes: text('notes').notNull().default(''),
    subtotal: bigint('subtotal', { mode: 'number' }).notNull(),
    tax: bigint('tax', { mode: 'number' }).notNull(),
    total: bigint('total', { mode: 'number' }).notNull(),
    /** The price list's minimum when drafted (re-applied when lines are edited). */
    minimum: bigint('minimum', { mode: 'number' }).notNull().default(0),
    issuedOn: date('issued_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('invoices_org_seq_idx').on(t.orgId, t.seq),
    // One live invoice per client and month: drafting twice (two people, two hubs) adds nothing.
    uniqueIndex('invoices_client_period_idx')
      .on(t.orgId, t.clientId, t.period)
      .where(sql`state <> 'void'`),
    index('invoices_open_idx')
      .on(t.state, t.dueOn)
      .where(sql`state IN ('issued', 'overdue')`),
  ],
);

/**
 * An invoice's history: drafted, edited, issued, mails, reminders, webhooks, paid, void. A reminder's
 * `key` (`reminder:<day>`) is unique per invoice: the hub that inserts it sends it, so each goes once.
 */
export const invoiceEvents = pgTable(
  'invoice_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    actor: text('actor'),
    key: text('key'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('invoice_events_invoice_idx').on(t.invoiceId, t.id),
    uniqueIndex('invoice_events_key_idx').on(t.invoiceId, t.key),
  ],
);
