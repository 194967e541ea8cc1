import type {
  AmountsDue,
  BillingContact,
  BillingContactAnswer,
  BillingSettings,
  DraftInvoicesAnswer,
  DraftInvoicesRequest,
  Invoice,
  InvoiceChanges,
  InvoiceDetail,
  InvoiceList,
  InvoiceListQuery,
  MarkPaidRequest,
} from '@crosspoint/protocol';
import { invoiceLanguages, type InvoiceLanguage } from '@crosspoint/protocol';
import type {
  BillingRepository,
  BillingSettingsRecord,
  InvoiceEventRecord,
  InvoiceView,
} from '../../repositories/billing.repository.ts';
import type { InvoicePdfModel } from '../../adapters/invoice-pdf.ts';
import type { OrgRecord } from '../../repositories/organization.repository.ts';
import type { AuditService } from '../audit.service.ts';
import type { Attachment, AttachmentRef, MailService } from '../mail.service.ts';
import type { UsageService } from '../usage/usage.service.ts';
import { isoDay, requirePermission, type Actor, type Clock, type OrgContext } from '../context.ts';
import { ServiceError } from '../service-error.ts';
import { monthDays } from '../usage/usage-rule.ts';
import { addDays, averageHundredths, hundredths, lineOf, monthlyPrice, totalsOf } from './invoice-rule.ts';
import { invoiceCsv, invoicePdfModel, issuedMail, reminderMail, wordsFor } from './invoice-documents.ts';
import { maxWebhookAttempts, webhookBackoffMs, type InvoiceWebhookEvent } from './invoice-webhooks.ts';

export interface BillingDeps {
  repo: BillingRepository;
  usage: UsageService;
  audit: AuditService;
  mail: MailService;
  /** Billing events to the organization's webhooks (InvoiceWebhooks); `only` retries one call. */
  notify: (
    type: InvoiceWebhookEvent,
    invoice: Invoice,
    only?: { webhookId: string; attempt: number },
  ) => Promise<void>;
  pdf: (model: InvoicePdfModel) => Promise<Buffer>;
  /** The name of an organization (the seller on documents the sweep writes). */
  orgName: (orgId: string) => Promise<string>;
  /** An organization, for the sweep to act in (drafting a month). */
  org: (orgId: string) => Promise<OrgRecord | undefined>;
  clock: Clock;
  onError?: (e: unknown) => void;
}

/** What the hub's own timed work acts as in the audit log and the invoice history. */
/** How often every hub runs billing's timed work (overdue, payment reminders): `sweep`. */
export const defaultBillingTickMs = 3_600_000;

/** The kind of the invoice PDF attached to an issued invoice's mail. */
export const invoicePdfAttachment = 'invoice-pdf';

export const billingSweepActor: Actor = { userId: null, label: 'hub (billing sweep)', ip: null };

/**
 * Invoices of a support organization to its clients (docs/billing.md): the price list and details,
 * drafting a month from usage metering, review, issue (number, mail, webhook), paid, void, the
 * documents, and the timed sweep (overdue, payment reminders).
 */
export class BillingService {
  constructor(private readonly d: BillingDeps) {}

  async settings(ctx: OrgContext): Promise<BillingSettings> {
    requirePermission(ctx, 'billing.read');
    supportOnly(ctx);
    return settingsOut(await this.d.repo.settings(ctx.org.id));
  }

  async updateSettings(ctx: OrgContext, req: BillingSettings): Promise<BillingSettings> {
    requirePermission(ctx, 'billing.manage');
    supportOnly(ctx);
    const reminderDays = [...new Set(req.reminderDays)].sort((a, b) => a - b);
    const before = await this.d.repo.settings(ctx.org.id);
    const now = this.d.clock();
    // Months before the price list was first set are not drafted by themselves.
    const firstPriced = !priced(before) && priced(req);
    const saved = await this.d.repo.saveSettings(
      ctx.org.id,
      {
        ...req,
        autoDraft: req.autoDraft ?? before.autoDraft,
        autoDraftedThrough:
          firstPriced && !before.autoDraftedThrough ? previousMonth(isoDay(now)) : before.autoDraftedThrough,
        legalName: req.legalName.trim(),
        taxId: req.taxId.trim(),
        numberPrefix: req.numberPrefix.trim(),
        reminderDays,
      },
      now,
    );
    await this.d.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'billing.settings_updated',
      targetType: 'organization',
      targetId: ctx.org.id,
      detail: { ...settingsOut(saved) },
    });
    return settingsOut(saved);
  }

  async contact(ctx: OrgContext, clientId: string): Promise<BillingContactAnswer> {
    requirePermission(ctx, 'billing.read');
    await this.requireClient(ctx, clientId);
    const c = await this.d.repo.contact(ctx.org.id, clientId);
    return { contact: c ? { name: c.name, email: c.email, language: languageOf(c.language) } : null };
  }

  async setContact(ctx: OrgContext, clientId: string, req: BillingContact): Promise<BillingContactAnswer> {
    requirePermission(ctx, 'billing.manage');
    await this.requireClient(ctx, clientId);
    const c = await this.d.repo.setContact({
      clientId,
      name: req.name.trim(),
      email: req.email.trim().toLowerCase(),
      language: req.language,
    });
    await this.d.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action: 'billing.contact_set',
      targetType: 'organization',
      targetId: clientId,
      detail: { name: c.name, email: c.email, language: c.language },
    });
    return { contact: { name: c.name, email: c.email, language: languageOf(c.language) } };
  }

  async list(ctx: OrgContext, query: InvoiceListQuery): Promise<InvoiceList> {
    requirePermission(ctx, 'billing.read');
    supportOnly(ctx);
    const rows = await this.d.repo.list(ctx.org.id, query);
    // The totals count every matching invoice, also past the ones listed.
    return { items: rows.map(invoiceOut), totals: await this.d.repo.totals(ctx.org.id, query) };
  }

  async amountsDue(ctx: OrgContext): Promise<AmountsDue> {
    requirePermission(ctx, 'billing.read');
    supportOnly(ctx);
    return { items: await this.d.repo.amountsDue(ctx.org.id) };
  }

  /**
   * Drafts the month's invoice of each client (or of those named) from usage metering: a line per
   * family (average devices × the month's price), the minimum, tax. A client that already has a
   * live invoice for the month, or nothing to bill, is skipped: drafting again adds nothing.
   */
  async draft(ctx: OrgContext, req: DraftInvoicesRequest): Promise<DraftInvoicesAnswer> {
    requirePermission(ctx, 'billing.manage');
    supportOnly(ctx);
    const now = this.d.clock();
    if (`${req.month}-01` > isoDay(now))
      throw ServiceError.invalid('VALIDATION_FAILED', 'A month can be drafted once it has begun.', [
        { path: '/body/month', message: 'must not be in the future' },
      ]);
    const settings = await this.d.repo.settings(ctx.org.id);
    const usage = await this.d.usage.clientUsage(ctx, { month: req.month });
    const wanted = req.clientIds ? new Set(req.clientIds) : undefined;
    const rows = usage.items.filter((c) => !wanted || wanted.has(c.orgId));
    if (wanted && rows.length !== wanted.size) throw ServiceError.notFound('A client');
    const invoiced = await this.d.repo.invoicedClients(ctx.org.id, req.month);
    const { to } = monthDays(req.month);
    const days = Number(to.slice(8));
    const answer: DraftInvoicesAnswer = { created: [], skipped: [] };
    for (const client of rows) {
      if (invoiced.has(client.orgId)) {
        answer.skipped.push({ clientId: client.orgId, reason: 'exists' });
        continue;
      }
      const contact = await this.d.repo.contact(ctx.org.id, client.orgId);
      const w = wordsFor(contact?.language);
      const lines = [];
      const proAudio = averageHundredths(client.total.proAudio.deviceDays, days);
      const video = averageHundredths(client.total.video.deviceDays, days);
      if (proAudio > 0)
        lines.push(
          lineOf(
            'pro-audio',
            w.proAudio(req.month),
            proAudio,
            monthlyPrice(settings.proAudioPrice, settings.pricePeriod),
          ),
        );
      if (video > 0)
        lines.push(
          lineOf('video', w.video(req.month), video, monthlyPrice(settings.videoPrice, settings.pricePeriod)),
        );
      const totals = totalsOf(lines, settings.minimum, settings.taxRateBp, w.minimum);
      if (lines.length === 0) {
        answer.skipped.push({ clientId: client.orgId, reason: 'nothing-to-bill' });
        continue;
      }
      const row = await this.d.repo.insertDraft({
        orgId: ctx.org.id,
        clientId: client.orgId,
        period: req.month,
        state: 'draft',
        currency: settings.currency,
        taxRateBp: settings.taxRateBp,
        minimum: settings.minimum,
        ...totals,
        createdAt: now,
        updatedAt: now,
      });
      if (!row) {
        answer.skipped.push({ clientId: client.orgId, reason: 'exists' });
        continue;
      }
      await this.d.repo.addEvent({
        invoiceId: row.id,
        orgId: ctx.org.id,
        at: now,
        kind: 'drafted',
        actor: ctx.actor.label,
        detail: {
          proAudioDeviceDays: client.total.proAudio.deviceDays,
          videoDeviceDays: client.total.video.deviceDays,
          days,
        },
      });
      await this.d.audit.record(ctx.actor, {
        orgId: ctx.org.id,
        action: 'billing.invoice_drafted',
        targetType: 'invoice',
        targetId: row.id,
        detail: { client: client.name, period: req.month, total: row.total },
      });
      answer.created.push(invoiceOut(await this.view(ctx, row.id)));
    }
    return answer;
  }

  async detail(ctx: OrgContext, id: string): Promise<InvoiceDetail> {
    requirePermission(ctx, 'billing.read');
    const invoice = await this.view(ctx, id);
    const history = await this.d.repo.events(ctx.org.id, id);
    return { invoice: invoiceOut(invoice), history: history.map(eventOut) };
  }

  /** Edits a draft: its lines (the minimum and tax recomputed) or notes. */
  async update(ctx: OrgContext, id: string, req: InvoiceChanges): Promise<InvoiceDetail> {
    requirePermission(ctx, 'billing.manage');
    const inv = await this.view(ctx, id);
    if (inv.state !== 'draft') throw stateError(inv.state, 'edited');
    const w = wordsFor(inv.contactLanguage);
    const totals = req.lines
      ? totalsOf(
          req.lines.map((l) => lineOf(l.kind, l.description.trim(), hundredths(l.quantity), l.unitPrice)),
          inv.minimum,
          inv.taxRateBp,
          w.minimum,
        )
      : {};
    const row = await this.d.repo.updateDraft(ctx.org.id, id, {
      ...totals,
      ...(req.notes !== undefined ? { notes: req.notes } : {}),
      updatedAt: this.d.clock(),
    });
    if (!row) throw stateError('issued', 'edited');
    await this.record(ctx, id, 'edited', 'billing.invoice_edited', {
      fields: Object.keys(req),
      total: row.total,
    });
    return this.detail(ctx, id);
  }

  /** Issues a draft: the next number, issue and due dates, the mail to the billing contact, the webhooks. */
  async issue(ctx: OrgContext, id: string): Promise<InvoiceDetail> {
    requirePermission(ctx, 'billing.manage');
    const inv = await this.view(ctx, id);
    if (inv.state !== 'draft') throw stateError(inv.state, 'issued');
    const now = this.d.clock();
    const today = isoDay(now);
    const row = await this.d.repo.issue(
      ctx.org.id,
      id,
      { issuedOn: today, dueOn: (t) => addDays(today, t) },
      now,
    );
    if (!row) throw stateError('issued', 'issued');
    await this.record(ctx, id, 'issued', 'billing.invoice_issued', {
      number: row.number,
      total: row.total,
      dueOn: row.dueOn,
    });
    const issued = await this.view(ctx, id);
    await this.mailIssued(ctx, issued);
    await this.d.notify('invoice.issued', invoiceOut(issued));
    return this.detail(ctx, id);
  }

  async markPaid(ctx: OrgContext, id: string, req: MarkPaidRequest): Promise<InvoiceDetail> {
    requirePermission(ctx, 'billing.manage');
    const inv = await this.view(ctx, id);
    if (inv.state !== 'issued' && inv.state !== 'overdue') throw stateError(inv.state, 'marked paid');
    const paidAt = req.paidAt ? new Date(req.paidAt) : this.d.clock();
    const row = await this.d.repo.transition(
      ctx.org.id,
      id,
      ['issued', 'overdue'],
      'paid',
      this.d.clock(),
      paidAt,
    );
    if (!row) throw stateError('paid', 'marked paid');
    await this.record(ctx, id, 'paid', 'billing.invoice_paid', {
      number: row.number,
      paidAt: paidAt.toISOString(),
    });
    await this.d.notify('invoice.paid', invoiceOut(await this.view(ctx, id)));
    return this.detail(ctx, id);
  }

  async void(ctx: OrgContext, id: string): Promise<InvoiceDetail> {
    requirePermission(ctx, 'billing.manage');
    const inv = await this.view(ctx, id);
    if (inv.state === 'paid' || inv.state === 'void') throw stateError(inv.state, 'voided');
    const row = await this.d.repo.transition(
      ctx.org.id,
      id,
      ['draft', 'issued', 'overdue'],
      'void',
      this.d.clock(),
    );
    if (!row) throw stateError('paid', 'voided');
    await this.record(ctx, id, 'voided', 'billing.invoice_voided', { number: row.number });
    return this.detail(ctx, id);
  }

  /** The PDF attached to an invoice's mail (MailService calls it when it sends). */
  async pdfAttachment(ref: AttachmentRef): Promise<Attachment> {
    const org = await this.d.org(ref.orgId);
    if (!org) throw new Error('The invoice’s organization is gone.');
    const { name, data } = await this.pdf({ actor: billingSweepActor, org, role: 'owner' }, ref.id);
    return { filename: name, contentType: 'application/pdf', content: data };
  }

  async pdf(ctx: OrgContext, id: string): Promise<{ name: string; data: Buffer }> {
    requirePermission(ctx, 'billing.read');
    const inv = await this.view(ctx, id);
    const settings = await this.d.repo.settings(ctx.org.id);
    return {
      name: `${fileName(inv)}.pdf`,
      data: await this.d.pdf(invoicePdfModel(inv, settings, ctx.org.name)),
    };
  }

  async csv(ctx: OrgContext, id: string): Promise<{ name: string; text: string }> {
    requirePermission(ctx, 'billing.read');
    const inv = await this.view(ctx, id);
    return { name: `${fileName(inv)}.csv`, text: invoiceCsv(inv) };
  }

  /**
   * The timed work, safe on several hubs: issued invoices past due become overdue (the UPDATE
   * answers each row to one hub, which calls the webhooks), and every reminder whose day has come is
   * claimed by its unique key in the invoice's history before its mail is queued, so it goes once.
   * Reminders on or before the issue day are not sent (the invoice mail says it all); of several
   * due at once (the hub was down) only the latest is mailed, the others are recorded as skipped.
   */
  async sweep(
    now = this.d.clock(),
  ): Promise<{ overdue: number; reminders: number; drafted: number; webhooksRetried: number }> {
    const today = isoDay(now);
    const drafted = await this.autoDraft(today);
    const webhooksRetried = await this.retryWebhooks(now);
    const overdue = await this.d.repo.markOverdue(today, now);
    for (const row of overdue) {
      await this.d.repo.addEvent({
        invoiceId: row.id,
        orgId: row.orgId,
        at: now,
        kind: 'overdue',
        actor: billingSweepActor.label,
        key: 'overdue',
        detail: { dueOn: row.dueOn },
      });
      await this.d.audit.record(billingSweepActor, {
        orgId: row.orgId,
        action: 'billing.invoice_overdue',
        targetType: 'invoice',
        targetId: row.id,
        detail: { number: row.number, dueOn: row.dueOn },
      });
      const view = await this.d.repo.invoice(row.orgId, row.id);
      if (view) await this.d.notify('invoice.overdue', invoiceOut(view));
    }
    let reminders = 0;
    const settings = new Map<string, BillingSettingsRecord>();
    for (const inv of await this.d.repo.open()) {
      const { dueOn, issuedOn } = inv;
      if (!dueOn || !issuedOn) continue;
      const due = inv.reminderDays
        .map((day) => ({ day, on: addDays(dueOn, day) }))
        .filter((r) => r.on > issuedOn && r.on <= today)
        .sort((a, b) => a.day - b.day);
      const latest = due[due.length - 1];
      for (const r of due) {
        const send = r === latest;
        const claimed = await this.d.repo.addEvent({
          invoiceId: inv.id,
          orgId: inv.orgId,
          at: now,
          kind: send ? 'reminder' : 'reminder_skipped',
          actor: billingSweepActor.label,
          key: `reminder:${String(r.day)}`,
          detail: { day: r.day, to: send ? inv.contactEmail : null },
        });
        if (!claimed || !send) continue;
        if (!inv.contactEmail) continue;
        const s = settings.get(inv.orgId) ?? (await this.d.repo.settings(inv.orgId));
        settings.set(inv.orgId, s);
        const mail = reminderMail(inv, s, await this.d.orgName(inv.orgId), r.on > dueOn);
        try {
          await this.d.mail.queue({
            to: inv.contactEmail,
            ...mail,
            kind: 'invoice-reminder',
            orgId: inv.orgId,
          });
          reminders++;
        } catch (e) {
          this.d.onError?.(e);
        }
      }
    }
    return { overdue: overdue.length, reminders, drafted, webhooksRetried };
  }

  /** Tries again the invoice webhook calls whose last attempt failed, once their wait is over. */
  private async retryWebhooks(now: Date): Promise<number> {
    let retried = 0;
    for (const call of await this.d.repo.latestWebhookCalls()) {
      const { type, webhookId, attempt, ok } = call.detail;
      if (ok !== false || typeof webhookId !== 'string' || typeof attempt !== 'number') continue;
      if (attempt >= maxWebhookAttempts || call.at.getTime() + webhookBackoffMs(attempt) > now.getTime())
        continue;
      if (type !== 'invoice.issued' && type !== 'invoice.paid' && type !== 'invoice.overdue') continue;
      const view = await this.d.repo.invoice(call.orgId, call.invoiceId);
      if (!view) continue;
      try {
        await this.d.notify(type, invoiceOut(view), { webhookId, attempt: attempt + 1 });
        retried++;
      } catch (e) {
        this.d.onError?.(e);
      }
    }
    return retried;
  }

  /**
   * From the 2nd of a month on (the metering of the month before is closed by then), drafts the
   * month before for every support organization that bills automatically, once: the claim on its
   * settings row decides which hub does it, and a month is never drafted by itself twice (a voided
   * draft stays voided). Answers the invoices drafted.
   */
  private async autoDraft(today: string): Promise<number> {
    if (Number(today.slice(8, 10)) < 2) return 0;
    const month = previousMonth(today);
    let drafted = 0;
    for (const orgId of await this.d.repo.autoDraftDue(month)) {
      const org = await this.d.org(orgId);
      if (org?.kind !== 'support' || !(await this.d.repo.claimAutoDraft(orgId, month))) continue;
      try {
        const answer = await this.draft({ actor: billingSweepActor, org, role: 'owner' }, { month });
        drafted += answer.created.length;
        await this.d.audit.record(billingSweepActor, {
          orgId,
          action: 'billing.month_drafted',
          detail: { period: month, created: answer.created.length, skipped: answer.skipped.length },
        });
      } catch (e) {
        this.d.onError?.(e);
      }
    }
    return drafted;
  }

  private async mailIssued(ctx: OrgContext, inv: InvoiceView): Promise<void> {
    const now = this.d.clock();
    if (!inv.contactEmail) {
      await this.d.repo.addEvent({
        invoiceId: inv.id,
        orgId: inv.orgId,
        at: now,
        kind: 'mail_skipped',
        detail: { reason: 'no billing contact' },
      });
      return;
    }
    const settings = await this.d.repo.settings(ctx.org.id);
    const mail = issuedMail(inv, settings, ctx.org.name);
    let error: string | null = null;
    try {
      await this.d.mail.queue({
        to: inv.contactEmail,
        ...mail,
        kind: 'invoice',
        orgId: ctx.org.id,
        // The PDF is made when the mail is sent (the outbox keeps no documents).
        attachments: [{ kind: invoicePdfAttachment, orgId: ctx.org.id, id: inv.id }],
      });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      this.d.onError?.(e);
    }
    await this.d.repo.addEvent({
      invoiceId: inv.id,
      orgId: inv.orgId,
      at: now,
      kind: 'emailed',
      detail: { to: inv.contactEmail, ok: error === null, ...(error ? { error } : {}) },
    });
  }

  private async record(
    ctx: OrgContext,
    id: string,
    kind: string,
    action: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.d.repo.addEvent({
      invoiceId: id,
      orgId: ctx.org.id,
      at: this.d.clock(),
      kind,
      actor: ctx.actor.label,
      detail,
    });
    await this.d.audit.record(ctx.actor, {
      orgId: ctx.org.id,
      action,
      targetType: 'invoice',
      targetId: id,
      detail,
    });
  }

  private async view(ctx: OrgContext, id: string): Promise<InvoiceView> {
    const inv = await this.d.repo.invoice(ctx.org.id, id);
    if (!inv) throw ServiceError.notFound('The invoice');
    return inv;
  }

  private async requireClient(ctx: OrgContext, clientId: string): Promise<void> {
    supportOnly(ctx);
    if (!(await this.d.repo.isClientOf(ctx.org.id, clientId))) throw ServiceError.notFound('The client');
  }
}

function supportOnly(ctx: OrgContext): void {
  if (ctx.org.kind !== 'support')
    throw ServiceError.invalid('BAD_REQUEST', 'Only a support organization bills client organizations.');
}

function stateError(state: string, what: string): ServiceError {
  return ServiceError.conflict('INVOICE_STATE', `An invoice that is ${state} cannot be ${what}.`);
}

const languageOf = (l: string): InvoiceLanguage => invoiceLanguages.find((i) => i === l) ?? 'en';

const fileName = (inv: InvoiceView): string =>
  `invoice-${(inv.number ?? `draft-${inv.period}`).replace(/[^A-Za-z0-9._-]+/g, '-')}`;

function settingsOut(s: BillingSettingsRecord): BillingSettings {
  return {
    currency: s.currency,
    pricePeriod: s.pricePeriod,
    proAudioPrice: s.proAudioPrice,
    videoPrice: s.videoPrice,
    minimum: s.minimum,
    taxRateBp: s.taxRateBp,
    paymentTermsDays: s.paymentTermsDays,
    legalName: s.legalName,
    address: s.address,
    taxId: s.taxId,
    paymentDetails: s.paymentDetails,
    numberPrefix: s.numberPrefix,
    nextNumber: s.nextNumber,
    reminderDays: s.reminderDays,
    autoDraft: s.autoDraft,
  };
}

const priced = (s: Pick<BillingSettings, 'proAudioPrice' | 'videoPrice' | 'minimum'>): boolean =>
  s.proAudioPrice > 0 || s.videoPrice > 0 || s.minimum > 0;

/** `2026-12-07` → `2026-11`. */
export function previousMonth(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 1 ? `${String(y - 1)}-12` : `${String(y)}-${String(m - 1).padStart(2, '0')}`;
}

export function invoiceOut(r: InvoiceView): Invoice {
  return {
    id: r.id,
    orgId: r.orgId,
    client: {
      id: r.clientId,
      name: r.clientName,
      accountNumber: r.clientAccountNumber,
      reference: r.clientReference,
    },
    period: r.period,
    state: r.state,
    number: r.number,
    currency: r.currency,
    taxRateBp: r.taxRateBp,
    lines: r.lines.map((l) => ({
      kind: l.kind,
      description: l.description,
      quantity: l.quantity100 / 100,
      unitPrice: l.unitPrice,
      amount: l.amount,
    })),
    notes: r.notes,
    subtotal: r.subtotal,
    tax: r.tax,
    total: r.total,
    issuedOn: r.issuedOn,
    dueOn: r.dueOn,
    paidAt: r.paidAt ? r.paidAt.toISOString() : null,
    contactEmail: r.contactEmail,
    createdAt: r.createdAt.toISOString(),
  };
}

function eventOut(e: InvoiceEventRecord) {
  return { at: e.at.toISOString(), kind: e.kind, actor: e.actor, detail: e.detail };
}
