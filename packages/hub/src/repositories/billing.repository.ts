import { and, asc, desc, eq, gt, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { rowsOf } from './raw-rows.ts';
import {
  billingContacts,
  billingSettings,
  invoiceEvents,
  invoices,
  organizations,
} from '../db/schema/index.ts';

export type BillingSettingsRecord = typeof billingSettings.$inferSelect;
export type InvoiceRecord = typeof invoices.$inferSelect;
export type NewInvoice = typeof invoices.$inferInsert;
export type InvoiceEventRecord = typeof invoiceEvents.$inferSelect;
export type BillingContactRecord = typeof billingContacts.$inferSelect;

/** An invoice with what the screens and documents show beside it: the client and its billing contact. */
export interface InvoiceView extends InvoiceRecord {
  clientName: string;
  clientAccountNumber: string | null;
  clientReference: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactLanguage: string | null;
}

export interface InvoiceFilter {
  state?: InvoiceRecord['state'] | undefined;
  clientId?: string | undefined;
  period?: string | undefined;
  search?: string | undefined;
}

/** Thrown inside a transaction to undo it. */
class Rollback extends Error {}

const viewColumns = {
  invoice: invoices,
  clientName: organizations.name,
  clientAccountNumber: organizations.accountNumber,
  clientReference: organizations.clientReference,
  contactName: billingContacts.name,
  contactEmail: billingContacts.email,
  contactLanguage: billingContacts.language,
};

type ViewRow = {
  invoice: InvoiceRecord;
  clientName: string;
  clientAccountNumber: string | null;
  clientReference: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactLanguage: string | null;
};
const flat = ({ invoice, ...rest }: ViewRow): InvoiceView => ({ ...invoice, ...rest });

/** Billing's tables (docs/billing.md): settings, contacts, invoices and their history. Every query takes the organization. */
export class BillingRepository {
  constructor(private readonly db: Db) {}

  /** The organization's settings, created with the defaults on first use. */
  async settings(orgId: string): Promise<BillingSettingsRecord> {
    await this.db.insert(billingSettings).values({ orgId }).onConflictDoNothing();
    const [row] = await this.db.select().from(billingSettings).where(eq(billingSettings.orgId, orgId));
    if (!row) throw new Error('billing settings missing after insert');
    return row;
  }

  async saveSettings(
    orgId: string,
    values: Omit<BillingSettingsRecord, 'orgId' | 'updatedAt'>,
    at: Date,
  ): Promise<BillingSettingsRecord> {
    const [row] = await this.db
      .insert(billingSettings)
      .values({ orgId, ...values, updatedAt: at })
      .onConflictDoUpdate({ target: billingSettings.orgId, set: { ...values, updatedAt: at } })
      .returning();
    if (!row) throw new Error('billing settings not saved');
    return row;
  }

  /**
   * Support organizations whose month `period` the sweep should draft: automatic drafting on, a
   * price list set (a price or a minimum), and not drafted through that month yet.
   */
  async autoDraftDue(period: string): Promise<string[]> {
    const rows = await this.db
      .select({ orgId: billingSettings.orgId })
      .from(billingSettings)
      .where(
        and(
          eq(billingSettings.autoDraft, true),
          or(
            gt(billingSettings.proAudioPrice, 0),
            gt(billingSettings.videoPrice, 0),
            gt(billingSettings.minimum, 0),
          ),
          or(isNull(billingSettings.autoDraftedThrough), lt(billingSettings.autoDraftedThrough, period)),
        ),
      );
    return rows.map((r) => r.orgId);
  }

  /** Claims drafting `period` for one organization: false when another hub (or an earlier sweep) has. */
  async claimAutoDraft(orgId: string, period: string): Promise<boolean> {
    const rows = await this.db
      .update(billingSettings)
      .set({ autoDraftedThrough: period })
      .where(
        and(
          eq(billingSettings.orgId, orgId),
          or(isNull(billingSettings.autoDraftedThrough), lt(billingSettings.autoDraftedThrough, period)),
        ),
      )
      .returning({ orgId: billingSettings.orgId });
    return rows.length === 1;
  }

  /** A client's billing contact; the client must be the support organization's. */
  async contact(supportId: string, clientId: string): Promise<BillingContactRecord | undefined> {
    const [row] = await this.db
      .select({ contact: billingContacts })
      .from(billingContacts)
      .innerJoin(organizations, eq(organizations.id, billingContacts.clientId))
      .where(and(eq(billingContacts.clientId, clientId), eq(organizations.parentId, supportId)));
    return row?.contact;
  }

  async setContact(contact: BillingContactRecord): Promise<BillingContactRecord> {
    const rest = { name: contact.name, email: contact.email, language: contact.language };
    const [row] = await this.db
      .insert(billingContacts)
      .values(contact)
      .onConflictDoUpdate({ target: billingContacts.clientId, set: rest })
      .returning();
    if (!row) throw new Error('billing contact not saved');
    return row;
  }

  /** Whether the client is one of the support organization's. */
  async isClientOf(supportId: string, clientId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(
        and(
          eq(organizations.id, clientId),
          eq(organizations.parentId, supportId),
          eq(organizations.kind, 'client'),
        ),
      );
    return row !== undefined;
  }

  /** Inserts a draft unless the client already has a live invoice for the month (answers undefined then). */
  async insertDraft(values: NewInvoice): Promise<InvoiceRecord | undefined> {
    const [row] = await this.db.insert(invoices).values(values).onConflictDoNothing().returning();
    return row;
  }

  /** The clients (of those given) that have a live (not void) invoice for the month. */
  async invoicedClients(orgId: string, period: string): Promise<Set<string>> {
    const rows = await this.db
      .select({ clientId: invoices.clientId })
      .from(invoices)
      .where(and(eq(invoices.orgId, orgId), eq(invoices.period, period), sql`${invoices.state} <> 'void'`));
    return new Set(rows.map((r) => r.clientId));
  }

  private view() {
    return this.db
      .select(viewColumns)
      .from(invoices)
      .innerJoin(organizations, eq(organizations.id, invoices.clientId))
      .leftJoin(billingContacts, eq(billingContacts.clientId, invoices.clientId));
  }

  async invoice(orgId: string, id: string): Promise<InvoiceView | undefined> {
    const [row] = await this.view().where(and(eq(invoices.orgId, orgId), eq(invoices.id, id)));
    return row ? flat(row) : undefined;
  }

  /** The invoices matching a filter, newest period first, at most `limit` (see `totals` for all of them). */
  async list(orgId: string, filter: InvoiceFilter, limit = 2000): Promise<InvoiceView[]> {
    const rows = await this.view()
      .where(this.matching(orgId, filter))
      .orderBy(desc(invoices.period), asc(sql`lower(${organizations.name})`), asc(invoices.id))
      .limit(limit);
    return rows.map(flat);
  }

  /** Counted and summed over every invoice matching the filter (the list may show fewer); sums are bigint (a string from pg). */
  async totals(
    orgId: string,
    filter: InvoiceFilter,
  ): Promise<{ count: number; total: number; outstanding: number }> {
    const [row] = await this.db
      .select({
        count: sql<number>`count(*)::int`,
        total: sql<
          string | number
        >`coalesce(sum(${invoices.total}) FILTER (WHERE ${invoices.state} <> 'void'), 0)::bigint`,
        outstanding: sql<
          string | number
        >`coalesce(sum(${invoices.total}) FILTER (WHERE ${invoices.state} IN ('issued', 'overdue')), 0)::bigint`,
      })
      .from(invoices)
      .innerJoin(organizations, eq(organizations.id, invoices.clientId))
      .where(this.matching(orgId, filter));
    return {
      count: row?.count ?? 0,
      total: Number(row?.total ?? 0),
      outstanding: Number(row?.outstanding ?? 0),
    };
  }

  /** Each client's issued and overdue invoices summed per currency. */
  async amountsDue(
    orgId: string,
  ): Promise<{ clientId: string; currency: string; amount: number; overdue: number; invoices: number }[]> {
    const rows = await this.db
      .select({
        clientId: invoices.clientId,
        currency: invoices.currency,
        amount: sql<string | number>`sum(${invoices.total})::bigint`,
        overdue: sql<
          string | number
        >`coalesce(sum(${invoices.total}) FILTER (WHERE ${invoices.state} = 'overdue'), 0)::bigint`,
        invoices: sql<number>`count(*)::int`,
      })
      .from(invoices)
      .where(and(eq(invoices.orgId, orgId), inArray(invoices.state, ['issued', 'overdue'])))
      .groupBy(invoices.clientId, invoices.currency);
    return rows.map((r) => ({ ...r, amount: Number(r.amount), overdue: Number(r.overdue) }));
  }

  private matching(orgId: string, filter: InvoiceFilter): SQL | undefined {
    const where: SQL[] = [eq(invoices.orgId, orgId)];
    if (filter.state) where.push(eq(invoices.state, filter.state));
    if (filter.clientId) where.push(eq(invoices.clientId, filter.clientId));
    if (filter.period) where.push(eq(invoices.period, filter.period));
    const search = filter.search?.trim();
    if (search) {
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const match = or(
        ilike(invoices.number, like),
        ilike(organizations.name, like),
        ilike(organizations.clientReference, like),
        ilike(organizations.accountNumber, like),
      );
      if (match) where.push(match);
    }
    return and(...where);
  }

  async updateDraft(
    orgId: string,
    id: string,
    set: Partial<Pick<InvoiceRecord, 'lines' | 'notes' | 'subtotal' | 'tax' | 'total' | 'updatedAt'>>,
  ): Promise<InvoiceRecord | undefined> {
    const [row] = await this.db
      .update(invoices)
      .set(set)
      .where(and(eq(invoices.orgId, orgId), eq(invoices.id, id), eq(invoices.state, 'draft')))
      .returning();
    return row;
  }

  /**
   * Issues a draft: takes the organization's next number under its settings row's lock and gives it
   * to the invoice, in one transaction. Two issues at once wait for each other; an issue that finds
   * the invoice no longer a draft rolls back, so no number is skipped or given twice.
   */
  async issue(
    orgId: string,
    id: string,
    dates: { issuedOn: string; dueOn: (terms: number) => string },
    at: Date,
  ): Promise<InvoiceRecord | undefined> {
    await this.settings(orgId);
    try {
      return await this.db.transaction(async (tx) => {
        const [taken] = await tx
          .update(billingSettings)
          .set({ nextNumber: sql`${billingSettings.nextNumber} + 1` })
          .where(eq(billingSettings.orgId, orgId))
          .returning({
            seq: sql<number | string>`${billingSettings.nextNumber} - 1`,
            prefix: billingSettings.numberPrefix,
            terms: billingSettings.paymentTermsDays,
          });
        if (!taken) throw new Rollback();
        const seq = Number(taken.seq);
        const [row] = await tx
          .update(invoices)
          .set({
            state: 'issued',
            seq,
            number: `${taken.prefix}${String(seq)}`,
            issuedOn: dates.issuedOn,
            dueOn: dates.dueOn(taken.terms),
            updatedAt: at,
          })
          .where(and(eq(invoices.orgId, orgId), eq(invoices.id, id), eq(invoices.state, 'draft')))
          .returning();
        if (!row) throw new Rollback();
        return row;
      });
    } catch (e) {
      if (e instanceof Rollback) return undefined;
      throw e;
    }
  }

  /** Moves an invoice from one of `from` to `to`; undefined when it was in none of them. */
  async transition(
    orgId: string,
    id: string,
    from: InvoiceRecord['state'][],
    to: InvoiceRecord['state'],
    at: Date,
    paidAt?: Date,
  ): Promise<InvoiceRecord | undefined> {
    const [row] = await this.db
      .update(invoices)
      .set({ state: to, updatedAt: at, ...(paidAt ? { paidAt } : {}) })
      .where(and(eq(invoices.orgId, orgId), eq(invoices.id, id), inArray(invoices.state, from)))
      .returning();
    return row;
  }

  /** Issued invoices past their due date become overdue: each row is answered to the one hub that moved it. */
  async markOverdue(today: string, at: Date): Promise<InvoiceRecord[]> {
    return this.db
      .update(invoices)
      .set({ state: 'overdue', updatedAt: at })
      .where(and(eq(invoices.state, 'issued'), lt(invoices.dueOn, today)))
      .returning();
  }

  /** Every issued or overdue invoice (all organizations) with its organization's reminder schedule. */
  async open(): Promise<(InvoiceView & { reminderDays: number[] })[]> {
    const rows = await this.db
      .select({ ...viewColumns, reminderDays: billingSettings.reminderDays })
      .from(invoices)
      .innerJoin(organizations, eq(organizations.id, invoices.clientId))
      .leftJoin(billingContacts, eq(billingContacts.clientId, invoices.clientId))
      .innerJoin(billingSettings, eq(billingSettings.orgId, invoices.orgId))
      .where(inArray(invoices.state, ['issued', 'overdue']));
    return rows.map(({ reminderDays, ...row }) => ({ ...flat(row), reminderDays }));
  }

  /** Appends to an invoice's history; with a key, only once per invoice (answers false if it was there). */
  /** Writes the outcome into a history entry claimed by its key. */
  async setEventDetail(invoiceId: string, key: string, detail: Record<string, unknown>): Promise<void> {
    await this.db
      .update(invoiceEvents)
      .set({ detail })
      .where(and(eq(invoiceEvents.invoiceId, invoiceId), eq(invoiceEvents.key, key)));
  }

  /** The latest attempt of each invoice webhook call (invoice, event, webhook) that names its webhook. */
  async latestWebhookCalls(): Promise<
    { invoiceId: string; orgId: string; at: Date; detail: Record<string, unknown> }[]
  > {
    const rows = rowsOf<{
      invoiceId: string;
      orgId: string;
      at: string | Date;
      detail: Record<string, unknown>;
    }>(
      await this.db.execute(sql`
        SELECT DISTINCT ON (invoice_id, detail->>'type', detail->>'webhookId')
          invoice_id AS "invoiceId", org_id AS "orgId", at, detail
        FROM invoice_events
        WHERE kind = 'webhook' AND detail ? 'webhookId'
        ORDER BY invoice_id, detail->>'type', detail->>'webhookId', (detail->>'attempt')::int DESC`),
    );
    return rows.map((r) => ({ ...r, at: new Date(r.at) }));
  }

  async addEvent(e: {
    invoiceId: string;
    orgId: string;
    at: Date;
    kind: string;
    actor?: string | null;
    key?: string | null;
    detail?: Record<string, unknown>;
  }): Promise<boolean> {
    const rows = await this.db
      .insert(invoiceEvents)
      .values({ ...e, actor: e.actor ?? null, key: e.key ?? null, detail: e.detail ?? {} })
      .onConflictDoNothing()
      .returning({ id: invoiceEvents.id });
    return rows.length > 0;
  }

  async events(orgId: string, invoiceId: string): Promise<InvoiceEventRecord[]> {
    return this.db
      .select()
      .from(invoiceEvents)
      .where(and(eq(invoiceEvents.orgId, orgId), eq(invoiceEvents.invoiceId, invoiceId)))
      .orderBy(asc(invoiceEvents.id));
  }
}
