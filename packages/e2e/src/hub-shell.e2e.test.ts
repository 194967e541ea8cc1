import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoAccounts, type RunningHub } from '@crosspoint/hub';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { outboxToken, startHubForBrowser } from './hub-fixture.ts';

async function signIn(page: Page, url: string, login: string, password: string) {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Username or email address').fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('sign-in and the shell in Chromium', () => {
  let hub: RunningHub;
  let browser: TestBrowser;

  beforeAll(async () => {
    hub = await startHubForBrowser();
    await hub.services.bootstrap.seedDemo();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await hub.close();
  });

  it('sends a signed-out visitor to sign in, shows a wrong password, then accepts the terms once', async () => {
    const page = await browser.newPage();
    await page.goto(`${hub.url}/users`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectNoSeriousViolations(page, 'sign-in');
    await signIn(page, hub.url, demoAccounts.owner, 'not-the-password');
    expect(await page.getByRole('alert').innerText()).toMatch(/not correct/);
    await expectNoSeriousViolations(page, 'sign-in, wrong password');
    // The password can be shown to check what was typed.
    await page.getByLabel('Password', { exact: true }).fill('visible?');
    await page.getByRole('button', { name: 'Show password' }).click();
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('type')).toBe('text');

    await signIn(page, hub.url, demoAccounts.owner, demoAccounts.password);
    const dialog = page.getByRole('dialog', { name: 'Read and accept terms' });
    await dialog.waitFor();
    const accept = dialog.getByRole('button', { name: 'Accept' });
    expect(await accept.isDisabled()).toBe(true);
    await expectNoSeriousViolations(page, 'dialog Read and accept terms');
    await dialog.getByLabel('I accept the Terms of Use').check();
    await dialog.getByLabel('I accept the Privacy Policy').check();
    await accept.click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByTestId('current-org').innerText()).toMatch(
      /Demo AV Integrators\s+Support organization/,
    );
    // Back where the visitor wanted to go.
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/users');
    await expectNoSeriousViolations(page, 'users (support organization)');
    await page.close();
  });

  it('switches organization with Choose Organization… and shows the client', async () => {
    const page = await browser.newPage();
    await signIn(page, hub.url, demoAccounts.owner, demoAccounts.password);
    await page.getByRole('button', { name: 'Choose Organization…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Choose Organization' });
    await dialog.getByLabel('Filter organizations').fill('globex');
    await expectNoSeriousViolations(page, 'dialog Choose Organization, filtered');
    await dialog.getByRole('button', { name: /Globex Corporation/ }).click();
    await page.getByRole('heading', { name: 'Globex Corporation' }).waitFor();
    expect(await page.getByTestId('current-org').innerText()).toMatch(/Client of Demo AV Integrators/);
    await expectNoSeriousViolations(page, 'dashboard (client)');
    await page.close();
  });

  it('shows the hub status and refreshes it on a click', async () => {
    const page = await browser.newPage();
    await signIn(page, hub.url, demoAccounts.owner, demoAccounts.password);
    await page.getByRole('link', { name: 'Hub status' }).click();
    await page.getByTestId('hub-version').waitFor();
    expect(await page.getByRole('table', { name: 'Dependencies' }).innerText()).toMatch(
      /database\s+Answering/,
    );
    await expectNoSeriousViolations(page, 'hub status');
    const answered = page.waitForResponse((r) => r.url().endsWith('/readyz'));
    await page.getByRole('button', { name: 'Refresh' }).click();
    await answered;
    await page.close();
  });

  it('answers an unknown deep link with a helpful page, and the link leads home', async () => {
    const page = await browser.newPage();
    await signIn(page, hub.url, demoAccounts.owner, demoAccounts.password);
    await page.getByRole('heading', { name: 'Demo AV Integrators' }).waitFor();
    await page.goto(`${hub.url}/no/such/screen`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await expectNoSeriousViolations(page, 'page not found');
    await page.getByRole('link', { name: 'Back to the overview' }).click();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.close();
  });

  it('is usable from the keyboard: skip link, then sign out', async () => {
    const page = await browser.newPage();
    await signIn(page, hub.url, demoAccounts.owner, demoAccounts.password);
    await page.getByRole('heading', { name: 'Demo AV Integrators' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.goto(`${hub.url}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.close();
  });

  it('lets a forgotten password be reset from the emailed link', async () => {
    const page = await browser.newPage();
    await page.goto(`${hub.url}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    // The sign-in screen's "Username or email address" would also match a loose label: wait for the
    // reset screen itself, then fill its field by its exact label.
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('Email address', { exact: true }).fill(demoAccounts.operator);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText(/a reset link is on its way/).waitFor();
    await expectNoSeriousViolations(page, 'forgot password, link sent');
    const token = await outboxToken(hub, demoAccounts.operator);
    await page.goto(`${hub.url}/reset-password?token=${token}`);
    await page.getByLabel('New password').fill('amber-canyon-whistle-58');
    await page
      .getByTestId('strength-label')
      .getByText(/strong/i)
      .waitFor();
    await expectNoSeriousViolations(page, 'reset password');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByText(/Your password is changed/).waitFor();
    await signIn(page, hub.url, demoAccounts.operator, 'amber-canyon-whistle-58');
    await page.getByRole('dialog', { name: 'Read and accept terms' }).waitFor();
    await page.close();
  });
});
