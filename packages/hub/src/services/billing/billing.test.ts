// Billing on PGlite and PostgreSQL, clock injected: drafting a month from usage metering, totals
// with tax and the minimum, numbering without gaps when two issues race, the states, the overdue
// sweep, reminders sent once each on schedule (through a real SMTP server, with the hub's clock far
// behind the real one) and stopped when paid, signed webhooks, the PDF.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../db/open-database.ts';
import { databaseLanes } from '../../test/database-lanes.ts';
import { OrganizationRepository, type OrgRecord } from '../../repositories/organization.repository.ts';
import { UsageRepository } from '../../repositories/usage.repository.ts';
import { AuditRepository } from '../../repositories/audit.repository.ts';
import { OutboxRepository } from '../../repositories/outbox.repository.ts';
import { BillingRepository } from '../../repositories/billing.repository.ts';
import { AlertConfigRepository } from '../../repositories/alert-config.repository.ts';
import { createMailer } from '../../adapters/mailer.ts';
import { Sealer } from '../../adapters/sealer.ts';
import { createWebhookSender, verifyWebhookSignature } from '../../adapters/webhook.ts';
import { renderInvoicePdf } from '../../adapters/invoice-pdf.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { startSmtpSink } from '../../test/smtp-sink.ts';
import { AuditService } from '../audit.service.ts';
import { MailService, type WrittenMail } from '../mail.service.ts';
import { UsageService } from '../usage/usage.service.ts';
import { cliActor, type OrgContext } from '../context.ts';
import { BillingService } from './billing.service.ts';
import { InvoiceWebhooks } from './invoice-webhooks.ts';
import { averageHundredths, lineOf, roundDiv, totalsOf } from './invoice-rule.ts';

describe('invoice amounts', () => {
  it('rounds half up in integers, applies the minimum, then the tax on the subtotal', () => {
    expect(roundDiv(5, 2)).toBe(3);
    expect(roundDiv(4, 3)).toBe(1);
    // 17.5 device-days… a month of 31 days: 310 device-days is 10.00 devices on average.
    expect(averageHundredths(310, 31)).toBe(1000);
    expect(averageHundredths(100, 30)).toBe(333);
    const line = lineOf('pro-audio', 'P', 333, 1250); // 3.33 × 12.50 = 41.625 → 41.63
    expect(line.amount).toBe(4163);
    const t = totalsOf([line], 5000, 1900, 'Minimum');
    expect(t.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['pro-audio', 4163],
      ['minimum', 837],
    ]);
    expect([t.subtotal, t.tax, t.total]).toEqual([5000, 950, 5950]);
    expect(totalsOf([line], 0, 700, 'M').tax).toBe(291); // 4163 × 7 % = 291.41
  });
});

describe.each(await databaseLanes())('billing on $name', (lane) => {
  let database: Database;
  let drop: () => Promise<void>;
  let now = new Date('2026-04-02T09:00:00Z');
  const clock = () => now;
  let billing: BillingService;
  let support: OrgRecord;
  let bank: OrgRecord;
  let cafe: OrgRecord;
  let empty: OrgRecord;
  let mail: MailService;
  const mails: WrittenMail[] = [];
  let hookServer: Server;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const hooks: { headers: IncomingHttpHeaders; body: string }[] = [];
  const secret = 'whsec_test';
  const ctx = (org: OrgRecord): OrgContext => ({ actor: cliActor, org, role: 'owner' });
  let n = 0;

  async function counts(org: OrgRecord, at: string, proAudio: number, video: number) {
    await database.db.execute(sql`
      INSERT INTO usage_counts (org_id, at, pro_audio, video, pro_audio_overflowed, video_overflowed, plan_max)
      VALUES (${org.id}, ${at}::timestamptz, ${proAudio}, ${video}, 0, 0, 50)`);
  }

  beforeAll(async () => {
    const db = await lane.open();
    drop = db.drop;
    database = await openDatabase(db.target);
    const orgs = new OrganizationRepository(database.db);
    support = await orgs.create({ kind: 'support', name: 'Acme AV', devicePool: 100 });
    const client = (name: string) =>
      orgs.create({
        kind: 'client',
        parentId: support.id,
        name,
        accountNumber: `C${String(Date.now()).slice(-5)}${String(++n)}`,
        clientReference: `REF-${String(n)}`,
        planMaxDevices: 50,
      });
    bank = await client('Bank of Youngus');
    cafe = await client('Cafe Lumen');
    empty = await client('Empty Hall');
    // March 2026: the bank has 10 Pro Audio and 2 Video devices all month; the café 1 Pro Audio.
    await counts(bank, '2026-03-01T00:00:00Z', 10, 2);
    await counts(cafe, '2026-03-01T00:00:00Z', 1, 0);
    hookServer = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        hooks.push({ headers: req.headers, body });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
    await new AlertConfigRepository(database.db).createWebhook({
      orgId: support.id,
      name: 'Accounting',
      url: `http://127.0.0.1:${String((hookServer.address() as AddressInfo).port)}/hook`,
      secret,
      enabled: true,
    });
    const repo = new BillingRepository(database.db);
    smtp = await startSmtpSink();
    mail = new MailService(
      new OutboxRepository(database.db),
      createMailer(smtp.url, 'hub@example.test'),
      new Sealer(Buffer.alloc(32, 7)),
      clock,
    );
    mail.watch((m) => mails.push(m));
    mail.makeAttachments('invoice-pdf', (ref) => billing.pdfAttachment(ref));
    const webhooks = new InvoiceWebhooks({
      webhooks: (orgId) => new AlertConfigRepository(database.db).webhooks(orgId),
      secret: (_orgId, stored) => stored,
      sender: createWebhookSender({ allowPrivate: true }),
      repo,
      clock,
    });
    billing = new BillingService({
      repo,
      usage: new UsageService(new UsageRepository(database.db), clock, 0),
      audit: new AuditService(new AuditRepository(database.db)),
      mail,
      notify: (type, invoice, only) => webhooks.notify(type, invoice, only),
      pdf: (model) => renderInvoicePdf(model, { compress: false }),
      orgName: async (orgId) => (await orgs.byId(orgId))?.name ?? '',
      org: (orgId) => orgs.byId(orgId),
      clock,
    });
    await billing.updateSettings(ctx(support), {
      currency: 'EUR',
      pricePeriod: 'month',
      proAudioPrice: 1250,
      videoPrice: 3000,
      minimum: 5000,
      taxRateBp: 1900,
      paymentTermsDays: 30,
      legalName: 'Acme Audio Visual GmbH',
      address: 'Hauptstraße 1\n10115 Berlin',
      taxId: 'DE123456789',
      paymentDetails: 'IBAN DE00 1234 5678 9012 3456 78',
      numberPrefix: 'ACME-2026-',
      nextNumber: 1,
      reminderDays: [14, -7, 0, 7],
    });
    await billing.setContact(ctx(support), bank.id, {
      name: 'Jana Kasse',
      email: 'Billing@Bank.example',
      language: 'de',
    });
  });
  afterAll(async () => {
    await mail.stop();
    await smtp.close();
    await new Promise((r) => hookServer.close(r));
    await database.close();
    await drop();
  });

  let bankInvoice = '';
  let cafeInvoice = '';

  it('drafts the month from metering: average devices × price, the minimum, tax; again adds nothing', async () => {
    const first = await billing.draft(ctx(support), { month: '2026-03' });
    expect(first.skipped).toEqual([{ clientId: empty.id, reason: 'nothing-to-bill' }]);
    const bankDraft = first.created.find((i) => i.client.id === bank.id);
    const cafeDraft = first.created.find((i) => i.client.id === cafe.id);
    bankInvoice = bankDraft?.id ?? '';
    cafeInvoice = cafeDraft?.id ?? '';
    expect(bankDraft).toMatchObject({
      state: 'draft',
      number: null,
      subtotal: 18500,
      tax: 3515,
      total: 22015,
    });
    expect(bankDraft?.lines.map((l) => [l.kind, l.quantity, l.unitPrice, l.amount])).toEqual([
      ['pro-audio', 10, 1250, 12500],
      ['video', 2, 3000, 6000],
    ]);
    // In the contact's language.
    expect(bankDraft?.lines[0]?.description).toMatch(/Pro-Audio-Geräte/);
    // The café's 12.50 is topped up to the 50.00 minimum.
    expect(cafeDraft?.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['pro-audio', 1250],
      ['minimum', 3750],
    ]);
    expect([cafeDraft?.subtotal, cafeDraft?.tax, cafeDraft?.total]).toEqual([5000, 950, 5950]);
    const again = await billing.draft(ctx(support), { month: '2026-03' });
    expect(again.created).toEqual([]);
    expect(again.skipped.filter((s) => s.reason === 'exists')).toHaveLength(2);
    await expect(billing.draft(ctx(support), { month: '2026-05' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('edits a draft (the minimum and tax recomputed) and refuses edits once issued', async () => {
    const edited = await billing.update(ctx(support), cafeInvoice, {
      lines: [
        { kind: 'pro-audio', description: 'Pro Audio', quantity: 1, unitPrice: 1250 },
        { kind: 'custom', description: 'On-site visit', quantity: 1.5, unitPrice: 8000 },
      ],
      notes: 'Thank you',
    });
    expect([edited.invoice.subtotal, edited.invoice.tax, edited.invoice.total]).toEqual([13250, 2518, 15768]);
    expect(edited.invoice.lines.map((l) => l.kind)).toEqual(['pro-audio', 'custom']);
    expect(edited.history.map((e) => e.kind)).toEqual(['drafted', 'edited']);
  });

  it('numbers issued invoices without gaps when two issues race, and one invoice once', async () => {
    const [a, b] = await Promise.allSettled([
      billing.issue(ctx(support), bankInvoice),
      billing.issue(ctx(support), bankInvoice),
    ]);
    const ok = [a, b].filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    expect([a, b].find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'INVOICE_STATE' } });
    const cafeIssued = await billing.issue(ctx(support), cafeInvoice);
    const bankIssued = await billing.detail(ctx(support), bankInvoice);
    expect([bankIssued.invoice.number, cafeIssued.invoice.number]).toEqual(['ACME-2026-1', 'ACME-2026-2']);
    expect(bankIssued.invoice).toMatchObject({
      state: 'issued',
      issuedOn: '2026-04-02',
      dueOn: '2026-05-02',
    });
    expect((await billing.settings(ctx(support))).nextNumber).toBe(3);
    await expect(billing.update(ctx(support), bankInvoice, { notes: 'x' })).rejects.toMatchObject({
      code: 'INVOICE_STATE',
    });

    // Two drafts of another month issued at once get the next two numbers.
    await counts(empty, '2026-04-01T00:00:00Z', 3, 0);
    now = new Date('2026-04-03T09:00:00Z');
    const april = await billing.draft(ctx(support), { month: '2026-04' });
    expect(april.created).toHaveLength(3);
    const numbers = await Promise.all(
      april.created.slice(0, 2).map((i) => billing.issue(ctx(support), i.id)),
    );
    expect(numbers.map((d) => d.invoice.number).sort()).toEqual(['ACME-2026-3', 'ACME-2026-4']);
    await billing.void(ctx(support), april.created[2]?.id ?? '');
    for (const d of numbers) await billing.void(ctx(support), d.invoice.id);
    now = new Date('2026-04-02T09:00:00Z');
  });

  it('mails the issued invoice to the billing contact in its language and calls the webhook, signed', async () => {
    const issued = mails.filter((m) => m.kind === 'invoice' && m.subject.includes('ACME-2026-1 '));
    expect(issued).toHaveLength(1);
    expect(issued[0]?.subject).toBe('Rechnung ACME-2026-1 von Acme Audio Visual GmbH');
    expect(issued[0]?.text).toContain('220.15 EUR');
    // At the contact's mail server, with the invoice's PDF attached (made when sent).
    await mail.flush();
    const received = await vi.waitFor(() => {
      const m = smtp.mails.find((r) => r.subject === 'Rechnung ACME-2026-1 von Acme Audio Visual GmbH');
      if (!m) throw new Error('not arrived yet');
      return m;
    });
    expect(received.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['invoice-ACME-2026-1.pdf', 'application/pdf'],
    ]);
    const pdf = pdfText(received.attachments[0]?.content ?? Buffer.alloc(0)).join('\n');
    expect(pdf).toContain('Rechnung ACME-2026-1');
    expect(pdf).toContain('220.15 EUR');
    const call = hooks.find(
      (h) => (JSON.parse(h.body) as { invoice: { number: string } }).invoice.number === 'ACME-2026-1',
    );
    expect(JSON.parse(call?.body ?? '{}')).toMatchObject({
      type: 'invoice.issued',
      invoice: { total: 22015 },
    });
    const headers = call?.headers ?? {};
    expect(
      verifyWebhookSignature(
        secret,
        String(headers['x-crosspoint-timestamp']),
        call?.body ?? '',
        String(headers['x-crosspoint-signature']),
      ),
    ).toBe(true);
  });

  it('renders the PDF with the number, the client and the total; CSV too', async () => {
    const { data, name } = await billing.pdf(ctx(support), bankInvoice);
    expect(name).toBe('invoice-ACME-2026-1.pdf');
    const text = pdfText(data).join('\n');
    expect(text).toContain('Rechnung ACME-2026-1');
    expect(text).toContain('Bank of Youngus');
    expect(text).toContain('220.15 EUR');
    expect(text).toContain('DE123456789');
    const csv = await billing.csv(ctx(support), bankInvoice);
    expect(csv.text).toContain('ACME-2026-1,Bank of Youngus,2026-03,total,,,,220.15,EUR');
  });

  it('sends each reminder once on its day, marks overdue, stops when paid', async () => {
    const reminders = () => mails.filter((m) => m.kind === 'invoice-reminder');
    now = new Date('2026-04-24T09:00:00Z');
    await billing.sweep();
    expect(reminders()).toHaveLength(0);
    now = new Date('2026-04-25T09:00:00Z'); // 7 days before 2026-05-02
    // Two hubs sweeping at once send it once.
    await Promise.all([billing.sweep(), billing.sweep()]);
    await billing.sweep();
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]).toMatchObject({ to: 'billing@bank.example' });
    expect(reminders()[0]?.subject).toBe('Zahlungserinnerung: Rechnung ACME-2026-1');
    // It reaches the contact's mail server, though the hub's clock is months behind the real one.
    await mail.flush();
    await vi.waitFor(() =>
      expect(smtp.mails.map((m) => [m.to, m.subject])).toContainEqual([
        'billing@bank.example',
        'Zahlungserinnerung: Rechnung ACME-2026-1',
      ]),
    );
    now = new Date('2026-05-02T09:00:00Z');
    // The 2nd of May: April is drafted by itself too (its drafts by hand were voided; next test).
    expect(await billing.sweep()).toEqual({ overdue: 0, reminders: 1, drafted: 3, webhooksRetried: 0 });
    now = new Date('2026-05-03T09:00:00Z');
    expect(await billing.sweep()).toEqual({ overdue: 2, reminders: 0, drafted: 0, webhooksRetried: 0 });
    expect((await billing.detail(ctx(support), bankInvoice)).invoice.state).toBe('overdue');
    expect(
      hooks.filter((h) => (JSON.parse(h.body) as { type: string }).type === 'invoice.overdue'),
    ).toHaveLength(2);
    now = new Date('2026-05-09T09:00:00Z');
    await billing.sweep();
    expect(reminders().at(-1)?.subject).toBe('Überfällig: Rechnung ACME-2026-1');
    expect(reminders()).toHaveLength(3);
    const paid = await billing.markPaid(ctx(support), bankInvoice, {});
    expect(paid.invoice.state).toBe('paid');
    await expect(billing.void(ctx(support), bankInvoice)).rejects.toMatchObject({ code: 'INVOICE_STATE' });
    now = new Date('2026-05-20T09:00:00Z');
    await billing.sweep();
    expect(reminders().filter((m) => m.to === 'billing@bank.example')).toHaveLength(3);
    const history = (await billing.detail(ctx(support), bankInvoice)).history.map((e) => e.kind);
    expect(history).toEqual([
      'drafted',
      'issued',
      'emailed',
      'webhook',
      'reminder',
      'reminder',
      'overdue',
      'webhook',
      'reminder',
      'paid',
      'webhook',
    ]);
    // The café has no billing contact: its reminders are recorded, no mail goes out.
    const cafe = (await billing.detail(ctx(support), cafeInvoice)).history;
    expect(cafe.filter((e) => e.kind === 'reminder')).toHaveLength(4);
    expect(cafe.find((e) => e.kind === 'mail_skipped')).toBeDefined();
  });

  it('drafts the month before by itself on the 2nd, once: a voided draft stays voided, and off means off', async () => {
    const april = async () => (await billing.list(ctx(support), { period: '2026-04' })).items;
    const drafts = (await april()).filter((i) => i.state === 'draft');
    expect(drafts.map((i) => i.client.name).sort()).toEqual(['Bank of Youngus', 'Cafe Lumen', 'Empty Hall']);
    const first = drafts[0];
    if (!first) throw new Error('no April draft');
    expect((await billing.detail(ctx(support), first.id)).history[0]).toMatchObject({
      kind: 'drafted',
      actor: 'hub (billing sweep)',
    });
    // March was before the price list was set (on April 2): it was drafted by hand, never by itself.
    expect((await billing.list(ctx(support), { period: '2026-03' })).items.length).toBeGreaterThan(0);

    const cafeApril = drafts.find((i) => i.client.name === 'Cafe Lumen');
    await billing.void(ctx(support), cafeApril?.id ?? '');
    now = new Date('2026-05-21T09:00:00Z');
    expect((await billing.sweep()).drafted).toBe(0);
    expect((await april()).filter((i) => i.state !== 'void')).toHaveLength(2);

    const settings = await billing.settings(ctx(support));
    expect(settings.autoDraft).toBe(true);
    await billing.updateSettings(ctx(support), { ...settings, autoDraft: false });
    now = new Date('2026-06-02T09:00:00Z');
    expect((await billing.sweep()).drafted).toBe(0);
    expect((await billing.list(ctx(support), { period: '2026-05' })).items).toEqual([]);
    // Left out of a change, it stays as it was; switched on again, May is drafted at the next sweep.
    const { autoDraft: _left, ...rest } = await billing.settings(ctx(support));
    expect((await billing.updateSettings(ctx(support), rest)).autoDraft).toBe(false);
    await billing.updateSettings(ctx(support), { ...rest, autoDraft: true });
    expect((await billing.sweep()).drafted).toBe(3);
    expect((await billing.sweep()).drafted).toBe(0);
  });

  it('sums the totals over every matching invoice, also past the ones listed', async () => {
    const list = await billing.list(ctx(support), {});
    const live = list.items.filter((i) => i.state !== 'void');
    expect(list.totals).toEqual({
      count: list.items.length,
      total: live.reduce((n, i) => n + i.total, 0),
      outstanding: list.items
        .filter((i) => i.state === 'issued' || i.state === 'overdue')
        .reduce((n, i) => n + i.total, 0),
    });
    const repo = new BillingRepository(database.db);
    expect(await repo.list(support.id, {}, 1)).toHaveLength(1);
    expect((await repo.totals(support.id, {})).count).toBe(list.items.length);
    expect(list.items.length).toBeGreaterThan(1);
    // What each client owes, summed by the database over all its unpaid invoices.
    const due = await billing.amountsDue(ctx(support));
    expect(due.items.reduce((n, r) => n + r.amount, 0)).toBe(list.totals.outstanding);
    for (const row of due.items) {
      const open = list.items.filter(
        (i) => i.client.id === row.clientId && (i.state === 'issued' || i.state === 'overdue'),
      );
      expect(row).toMatchObject({
        currency: 'EUR',
        invoices: open.length,
        amount: open.reduce((n, i) => n + i.total, 0),
        overdue: open.filter((i) => i.state === 'overdue').reduce((n, i) => n + i.total, 0),
      });
    }
  });

  it('tries a failing webhook receiver again later (same delivery id), until it takes the call', async () => {
    let failures = 2;
    const calls: string[] = [];
    const flaky = createServer((req, res) => {
      calls.push(String(req.headers['x-crosspoint-delivery']));
      req.resume();
      req.on('end', () => {
        res.statusCode = failures-- > 0 ? 503 : 200;
        res.end();
      });
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
    const config = new AlertConfigRepository(database.db);
    const hook = await config.createWebhook({
      orgId: support.id,
      name: 'Flaky PSA',
      url: `http://127.0.0.1:${String((flaky.address() as AddressInfo).port)}/psa`,
      secret,
      enabled: true,
    });
    try {
      const draft = (await billing.list(ctx(support), { state: 'draft' })).items[0];
      if (!draft) throw new Error('no draft left');
      await billing.issue(ctx(support), draft.id);
      const attempts = async () =>
        (await billing.detail(ctx(support), draft.id)).history
          .filter((e) => e.kind === 'webhook' && e.detail.webhook === 'Flaky PSA')
          .map((e) => [e.detail.attempt, e.detail.ok]);
      expect(await attempts()).toEqual([[1, false]]);
      // Not before its wait (a minute after the first attempt), then once per sweep as they come due.
      expect((await billing.sweep()).webhooksRetried).toBe(0);
      now = new Date(now.getTime() + 61_000);
      expect((await billing.sweep()).webhooksRetried).toBe(1);
      expect(await attempts()).toEqual([
        [1, false],
        [2, false],
      ]);
      now = new Date(now.getTime() + 5 * 60_000);
      await Promise.all([billing.sweep(), billing.sweep()]); // two hubs: one call
      expect(await attempts()).toEqual([
        [1, false],
        [2, false],
        [3, true],
      ]);
      now = new Date(now.getTime() + 3_600_000);
      expect((await billing.sweep()).webhooksRetried).toBe(0);
      expect(calls).toHaveLength(3);
      expect(new Set(calls)).toEqual(new Set([`${draft.id}.invoice.issued.${hook.id}`]));
    } finally {
      await config.deleteWebhook(support.id, hook.id);
      flaky.close();
    }
  });
});
