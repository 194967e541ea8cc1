// A self-service trial in Chromium, on a hub whose operator offers them: from the sign-in screen, a
// free email domain is refused beside its field, a work address gets the thank-you, and the emailed
// invitation makes the person the Owner of their new support organization.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor, type RunningHub } from '@crosspoint/hub';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { outboxToken, startHubForBrowser } from './hub-fixture.ts';

const opsPassword = 'violet-harbor-tractor-91';

describe('a self-service trial in Chromium', () => {
  let hub: RunningHub;
  let browser: TestBrowser;

  beforeAll(async () => {
    hub = await startHubForBrowser({ trialSignup: true, trialDays: 30, trialMaxDevices: 25 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await hub.close();
  });

  it('signs an AV integrator up with a work address, and the invitation makes them the Owner', async () => {
    const page = await browser.newPage();
    await page.goto(`${hub.url}/sign-in`);
    await page.getByRole('link', { name: 'Start a free trial' }).click();
    await page.getByRole('heading', { name: 'Start a free trial' }).waitFor();
    await page.getByText(/free for 30 days, with up to 25 Pro Audio devices/).waitFor();
    await page.getByLabel('Pro Audio devices you expect to look after').fill('12');
    await page.getByLabel('First name').fill('Nora');
    await page.getByLabel('Last name').fill('Ellis');
    await page.getByLabel('Company name').fill('Ellis Integration');
    await page.getByLabel('Work email address').fill('nora@gmail.com');
    await page.getByLabel('Phone number').fill('+44 20 7946 0000');
    await page.getByLabel('Country').fill('United Kingdom');
    await page.getByLabel('I accept the Privacy Policy').check();
    await expectNoSeriousViolations(page, 'trial sign-up');
    await page.getByRole('button', { name: 'Start a free trial' }).click();
    await page.getByText('This is a free email domain: please use your company’s email address.').waitFor();
    await expectNoSeriousViolations(page, 'trial sign-up, free email refused');
    await page.getByLabel('Work email address').fill('nora@ellis-integration.example');
    await page.getByRole('button', { name: 'Start a free trial' }).click();
    await page.getByRole('heading', { name: 'Thank you for signing up' }).waitFor();
    await page.getByText(/An invitation is on its way to nora@ellis-integration\.example/).waitFor();
    await expectNoSeriousViolations(page, 'trial sign-up, thanks');

    await page.goto(`${hub.url}/register?token=${await outboxToken(hub, 'nora@ellis-integration.example')}`);
    await page.getByText(/invited to Ellis Integration as Owner/).waitFor();
    await page.getByLabel('Password', { exact: true }).fill('amber-canyon-whistle-58');
    await page.getByRole('button', { name: 'Register' }).click();
    const terms = page.getByRole('dialog', { name: 'Read and accept terms' });
    await terms.getByLabel('I accept the Terms of Use').check();
    await terms.getByLabel('I accept the Privacy Policy').check();
    await terms.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('heading', { name: 'Ellis Integration' }).waitFor();
    // The trial's days left, on every screen of the new organization.
    await page
      .getByTestId('trial-banner')
      .getByText(/Your trial ends on .*: 3[01] days left/)
      .waitFor();
    await expectNoSeriousViolations(page, 'trial banner');
    await page.close();
  });

  it('the operator sees the trial and makes it a paying organization', async () => {
    await hub.services.bootstrap.createOperator(cliActor, {
      email: 'ops@example.test',
      password: opsPassword,
    });
    const page = await browser.newPage();
    await page.goto(`${hub.url}/sign-in`);
    await page.getByLabel('Username or email address', { exact: true }).fill('ops@example.test');
    await page.getByLabel('Password', { exact: true }).fill(opsPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const terms = page.getByRole('dialog', { name: 'Read and accept terms' });
    await terms.getByLabel('I accept the Terms of Use').check();
    await terms.getByLabel('I accept the Privacy Policy').check();
    await terms.getByRole('button', { name: 'Accept' }).click();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Organizations', exact: true })
      .click();
    const table = page.getByRole('table', { name: 'Support organizations' });
    await table.getByText(/^Trial until /).waitFor();
    await table.getByRole('button', { name: 'Change pool and edition of Ellis Integration' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pool and edition of Ellis Integration' });
    expect(await dialog.getByLabel('On trial', { exact: true }).isChecked()).toBe(true);
    await dialog.getByLabel('Licensed Pro Audio devices', { exact: true }).fill('40');
    await dialog.getByLabel('Paying', { exact: true }).check();
    await expectNoSeriousViolations(page, 'dialog pool and edition');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => table.innerText()).toMatch(/Ellis Integration\s+40\s+0\s+0\s+0\s+\d+\s+Paying/);
    await page.close();
  });
});
