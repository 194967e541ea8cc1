// Invoices in Chromium (docs/billing.md): the support owner sets a price list in Billing settings and
// Globex's billing contact, drafts this month's invoices client by client, reviews the draft, issues
// it (the mail reaches the outbox), opens its PDF from the page's link (text checked against the
// screen), sees the amount due on the Organizations table, and marks it paid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoAccounts, type RunningHub } from '@crosspoint/hub';
import { newestMail, pdfText, type FakeAgent } from '@crosspoint/hub/testing';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, screenshot, type TestBrowser } from './browser.ts';
import { connectDemoAgent, signInAsDemoOwner, startHubForBrowser, until } from './hub-fixture.ts';

const contactEmail = 'ap@globex.example';

describe('invoices in Chromium', () => {
  let hub: RunningHub;
  let browser: TestBrowser;
  let page: Page;
  let agent: FakeAgent | undefined;
  // The hub's clock runs 12 hours ahead once the devices are metered, so this month has
  // device-days to bill (a draft counts the month so far).
  let ahead = 0;
  const hubNow = () => new Date(Date.now() + ahead);
  let month = '';
  let monthName = '';

  beforeAll(async () => {
    hub = await startHubForBrowser({}, { clock: hubNow });
    await hub.services.bootstrap.seedDemo();
    browser = await launchBrowser();
    page = await browser.newPage();
    // The demo client Globex Corporation (C10000) reports four Pro Audio devices.
    agent = (
      await connectDemoAgent(hub, `${demoAccounts.agent.name}@C10000`, [
        'Healthy',
        'Healthy',
        'Healthy',
        'Healthy',
      ])
    ).agent;
    ahead = 12 * 3_600_000;
    month = hubNow().toISOString().slice(0, 7);
    monthName = new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  });
  afterAll(async () => {
    agent?.close();
    await browser.close();
    await hub.close();
  });

  it('opens Invoices from the navigation: an empty list that says what to do', async () => {
    await signInAsDemoOwner(page, hub.url);
    await page.getByRole('heading', { name: 'Demo AV Integrators' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).click();
    await page.getByRole('heading', { name: 'Invoices', level: 1 }).waitFor();
    await page.getByText('No invoices yet.', { exact: false }).waitFor();
    await expectNoSeriousViolations(page, 'invoices, empty');
  });

  it('sets the price list, details and numbering in Billing settings', async () => {
    await page.getByRole('tab', { name: 'Billing settings' }).click();
    const form = page.getByRole('form', { name: 'Billing settings' });
    await form.getByLabel('Price of a Pro Audio device (EUR)').fill('10.00');
    await form.getByLabel('Price of a Video device (EUR)').fill('5.00');
    await form.getByLabel('Minimum per invoice (EUR)').fill('50');
    await form.getByLabel('Tax rate (%)').fill('19');
    await form.getByLabel('Legal name').fill('Demo AV Integrators GmbH');
    await form.getByLabel('Payment details').fill('IBAN DE00 1234 5678 9000');
    await form.getByLabel('Number prefix').fill('DAV-');
    // A wrong value is named under its field, and nothing is saved.
    await form.getByLabel('Payment terms (days)').fill('abc');
    await form.getByRole('button', { name: 'Save billing settings' }).click();
    await form.getByText('Enter a whole number of days from 0 to 365.').waitFor();
    expect(await form.getByLabel('Payment terms (days)').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Payment terms (days)').fill('14');
    await form.getByRole('button', { name: 'Save billing settings' }).click();
    await form.getByRole('status').getByText('Saved.').waitFor();
    // Monthly drafts are on unless switched off; switched off, it stays off.
    const autoDraft = form.getByLabel(
      'Draft each client’s invoice for a month on the 2nd of the next month',
      {
        exact: true,
      },
    );
    expect(await autoDraft.isChecked()).toBe(true);
    await autoDraft.uncheck();
    await form.getByRole('button', { name: 'Save billing settings' }).click();
    await form.getByRole('status').getByText('Saved.').waitFor();
    await page.reload();
    await page.getByRole('tab', { name: 'Billing settings' }).click();
    const again = page
      .getByRole('form', { name: 'Billing settings' })
      .getByLabel('Draft each client’s invoice for a month on the 2nd of the next month', { exact: true });
    expect(await again.isChecked()).toBe(false);
    await again.check();
    await page
      .getByRole('form', { name: 'Billing settings' })
      .getByRole('button', { name: 'Save billing settings' })
      .click();
    await page
      .getByRole('form', { name: 'Billing settings' })
      .getByRole('status')
      .getByText('Saved.')
      .waitFor();
    await expectNoSeriousViolations(page, 'billing settings');
    await screenshot(page, 'billing-settings');
  });

  it('sets Globex’s billing contact from the Organizations table', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
    await page
      .getByRole('table', { name: 'Client organizations' })
      .getByRole('button', { name: 'Billing contact of Globex Corporation' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Billing contact of Globex Corporation' });
    await dialog.getByLabel('Name').fill('Globex Accounts Payable');
    await dialog.getByLabel('Email address').fill(contactEmail);
    // The languages an invoice can be written in, each named in itself.
    const language = dialog.getByLabel('Language of invoices and reminders');
    expect(await language.locator('option').allInnerTexts()).toEqual([
      'English',
      'Deutsch',
      'Français',
      'Español',
      'Italiano',
      'Português',
    ]);
    await language.selectOption('en');
    await dialog.getByRole('button', { name: 'Save contact' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('drafts this month’s invoices client by client, showing progress', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).click();
    await page.getByLabel('Month to draft').fill(month);
    await page.getByRole('button', { name: `Draft invoices for ${monthName}` }).click();
    await page.getByRole('status').filter({ hasText: '1 of 1 client: 1 drafted' }).waitFor();
    const table = page.getByRole('table', { name: 'Invoices' });
    await table
      .getByRole('row', { name: /Globex Corporation/ })
      .getByText('Draft')
      .first()
      .waitFor();
    await expectNoSeriousViolations(page, 'invoices with a draft');
  });

  it('reviews the draft, issues it, checks the mail and the PDF, and marks it paid', async () => {
    await page.getByRole('button', { name: 'Review the draft for Globex Corporation' }).click();
    const draft = page.getByRole('dialog', { name: `Draft invoice for Globex Corporation, ${monthName}` });
    await draft.getByRole('group', { name: 'Line 1' }).waitFor();
    // The usage so far is far below the minimum: the minimum charge tops the subtotal up to 50.
    expect(await draft.getByTestId('invoice-total').innerText()).toBe('€59.50');
    await draft.getByLabel('Notes (printed on the invoice)').fill('Thank you for your business.');
    await draft.getByRole('button', { name: 'Save the draft' }).click();
    await draft.getByText('Draft edited').waitFor();
    await expectNoSeriousViolations(page, 'invoice review dialog');
    await screenshot(page, 'billing-review');

    await draft.getByRole('button', { name: 'Issue', exact: true }).click();
    const issued = page.getByRole('dialog', { name: 'Invoice DAV-1' });
    await issued.getByTestId('invoice-state').getByText('Issued').waitFor();
    await issued.getByText(`Emailed to ${contactEmail}`).waitFor();
    const total = await issued.getByTestId('invoice-total').innerText();

    // The mail went to the billing contact (kept in the outbox: this hub has no SMTP).
    await until('the invoice mail', () => newestMail(hub.services.mail, contactEmail)?.kind === 'invoice');
    const mail = newestMail(hub.services.mail, contactEmail);
    expect(mail?.subject).toContain('DAV-1');
    const outbox = await hub.services.mail.recent(20, contactEmail);
    expect(outbox.length).toBeGreaterThan(0);

    // The PDF from the page's own link, fetched with the page's session.
    const href = await issued.getByRole('link', { name: 'PDF' }).getAttribute('href');
    expect(href).toBeTruthy();
    const pdf = await page.request.get(new URL(href ?? '', hub.url).toString());
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    const text = pdfText(Buffer.from(await pdf.body())).join('\n');
    expect(text).toContain('DAV-1');
    expect(text).toContain('Globex Corporation');
    const digits = /[\d.,]+/.exec(total)?.[0] ?? '';
    expect(digits).toBe('59.50');
    expect(text).toContain(`${digits} EUR`);

    // The Organizations table shows what Globex owes.
    await issued.getByRole('button', { name: 'Close' }).click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Organizations' }).click();
    const clients = page.getByRole('table', { name: 'Client organizations' });
    await clients.getByRole('columnheader', { name: 'Amount due' }).waitFor();
    await clients
      .getByRole('row', { name: /Globex Corporation/ })
      .getByRole('cell', { name: total })
      .waitFor();
    await nav.getByRole('link', { name: 'Invoices' }).click();
    await page.getByRole('button', { name: 'Open DAV-1' }).click();

    await issued.getByRole('button', { name: 'Mark paid' }).click();
    await issued.getByTestId('invoice-state').getByText('Paid').waitFor();
    await issued.getByText('Marked paid').waitFor();
    await issued.getByRole('button', { name: 'Close' }).click();
    const row = page.getByRole('table', { name: 'Invoices' }).getByRole('row', { name: /DAV-1/ });
    await row.getByText('Paid').waitFor();
    expect(await page.getByTestId('invoices-outstanding').innerText()).toBe('€0.00');
  });
});
