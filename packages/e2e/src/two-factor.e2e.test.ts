// Two-factor sign-in in the browser: turned on with a code computed here as an authenticator app
// would, asked for at sign-in, a recovery code, and an organization that requires it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cliActor, type RunningHub } from '@crosspoint/hub';
import { totpCode } from '@crosspoint/hub/testing';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { startHubForBrowser } from './hub-fixture.ts';

const password = 'violet-harbor-tractor-91';

async function signIn(page: Page, hubUrl: string, email: string) {
  await page.goto(`${hubUrl}/sign-in`);
  await page.getByLabel('Username or email address', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function acceptTerms(page: Page) {
  const dialog = page.getByRole('dialog', { name: 'Read and accept terms' });
  await dialog.getByLabel('I accept the Terms of Use').check();
  await dialog.getByLabel('I accept the Privacy Policy').check();
  await dialog.getByRole('button', { name: 'Accept' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

const openSettings = async (page: Page, tab: string) => {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings', exact: true })
    .click();
  await page.getByRole('tab', { name: tab, exact: true }).click();
};

describe('two-factor sign-in in Chromium', () => {
  let hub: RunningHub;
  let browser: TestBrowser;
  let page: Page;
  // The hub's clock runs ahead by whole 30-second steps, so each code typed is a fresh one.
  let offset = 0;
  const hubNow = () => new Date(Date.now() + offset);
  const nextCode = (secret: string) => {
    offset += 30_000;
    return totpCode(secret, hubNow());
  };
  let secret = '';
  let recovery: string[] = [];

  beforeAll(async () => {
    hub = await startHubForBrowser({}, { clock: hubNow });
    await hub.services.bootstrap.createOperator(cliActor, { email: 'ops@example.test', password });
    await hub.services.bootstrap.createOperator(cliActor, { email: 'second@example.test', password });
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser.close();
    await hub.close();
  });

  it('turns on in My account by scanning (here: reading) the key and typing a code', async () => {
    await signIn(page, hub.url, 'ops@example.test');
    await acceptTerms(page);
    await openSettings(page, 'My Account');
    await expect.poll(() => page.getByTestId('two-factor-state').innerText()).toBe('Off');
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    const dialog = page.getByRole('dialog', { name: 'Two-factor sign-in' });
    await dialog.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await dialog.getByRole('img', { name: 'QR code to add this account to an authenticator app' }).waitFor();
    secret = await dialog.getByTestId('totp-secret').innerText();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expectNoSeriousViolations(page, 'two-factor setup');
    await dialog.getByLabel('Code from your authenticator app', { exact: true }).fill('000000');
    await dialog.getByRole('button', { name: 'Turn on', exact: true }).click();
    await dialog
      .getByRole('alert')
      .getByText(/not right/)
      .waitFor();
    await dialog.getByLabel('Code from your authenticator app', { exact: true }).fill(nextCode(secret));
    await dialog.getByRole('button', { name: 'Turn on', exact: true }).click();
    const list = dialog.getByTestId('recovery-codes');
    await list.waitFor();
    recovery = (await list.getByRole('listitem').allInnerTexts()).map((c) => c.trim());
    expect(recovery).toHaveLength(10);
    await expectNoSeriousViolations(page, 'recovery codes');
    await dialog.getByRole('button', { name: 'I have saved my codes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('two-factor-state').innerText()).toBe('On');
    await page.getByText(/10 recovery codes left/).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('asks for the code of the app after the password', async () => {
    await signIn(page, hub.url, 'ops@example.test');
    const step = page.getByRole('form', { name: 'Two-factor sign-in' });
    await step.waitFor();
    await expectNoSeriousViolations(page, 'second factor step');
    await step.getByLabel('Code from your authenticator app', { exact: true }).fill(nextCode(secret));
    await step.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('takes a recovery code instead, once', async () => {
    await signIn(page, hub.url, 'ops@example.test');
    const step = page.getByRole('form', { name: 'Two-factor sign-in' });
    await step.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await step.getByLabel('Recovery code', { exact: true }).fill(recovery[0] ?? '');
    await step.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await openSettings(page, 'My Account');
    await page.getByText(/9 recovery codes left/).waitFor();
  });

  it('an organization that requires it stops a member without it at a setup screen', async () => {
    await openSettings(page, 'Sign-in');
    await page.getByLabel('Require two-factor sign-in of every member', { exact: true }).check();
    await page.getByRole('status').getByText('Saved').waitFor();
    await expectNoSeriousViolations(page, 'sign-in settings');
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signIn(page, hub.url, 'second@example.test');
    await acceptTerms(page);
    await page.getByRole('heading', { name: 'Turn on two-factor sign-in' }).waitFor();
    // Nothing of the organization shows until it is on.
    expect(await page.getByRole('tab', { name: 'My Account', exact: true }).count()).toBe(0);
    await expectNoSeriousViolations(page, 'two-factor required');
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    const own = await page.getByTestId('totp-secret').innerText();
    await page.getByLabel('Code from your authenticator app', { exact: true }).fill(nextCode(own));
    await page.getByRole('button', { name: 'Turn on', exact: true }).click();
    await page.getByTestId('recovery-codes').waitFor();
    await page.getByRole('button', { name: 'I have saved my codes' }).click();
    // The organization shows now: the setup screen goes, and its screens open. (Which one comes
    // first depends on whether the last sign-out's redirect had happened before the test opened
    // the sign-in page, which carries the screen to return to: not this test's subject.)
    await page.getByRole('heading', { name: 'Turn on two-factor sign-in' }).waitFor({ state: 'hidden' });
    await openSettings(page, 'My Account');
    await page.getByText(/10 recovery codes left/).waitFor();
  });
});
