// OpenID Connect sign-in in the browser (docs/oidc.md): the owner adds the organization's provider
// in Settings › Sign-in (a real OpenID provider, oidc-provider on loopback), signs out, opens the
// organization's sign-in link, clicks "Sign in with …", signs in at the provider and lands in the
// app as that person with the role the group gives; Users shows Type "OpenID".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoAccounts, type RunningHub } from '@crosspoint/hub';
import { startTestOidcProvider, type TestOidcProvider } from '@crosspoint/hub/testing';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { freePort, signInAsDemoOwner, startHubForBrowser } from './hub-fixture.ts';

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

describe('OpenID Connect sign-in in Chromium', () => {
  let hub: RunningHub;
  let idp: TestOidcProvider;
  let browser: TestBrowser;
  let page: Page;
  let signInLink = '';

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${String(port)}`;
    hub = await startHubForBrowser({ port, publicUrl });
    await hub.services.bootstrap.seedDemo();
    idp = await startTestOidcProvider({
      redirectUris: [`${publicUrl}/api/v1/auth/oidc/callback`],
      accounts: [
        {
          login: 'mia',
          password: 'mia-at-the-idp',
          email: 'mia.wong@demo-customer.example',
          givenName: 'Mia',
          familyName: 'Wong',
          groups: ['av-admins'],
        },
      ],
    });
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser.close();
    await idp.close();
    await hub.close();
  });

  it('the owner adds the provider in Settings › Sign-in', async () => {
    await signInAsDemoOwner(page, hub.url);
    await nav(page, 'Settings');
    await page.getByRole('tab', { name: 'Sign-in', exact: true }).click();
    const section = page.getByRole('region', { name: 'OpenID Connect providers' });
    await section.getByText('No OpenID Connect provider yet.').waitFor();
    expect(await section.getByTestId('oidc-redirect-uri').innerText()).toBe(
      `${hub.url}/api/v1/auth/oidc/callback`,
    );
    await section.getByRole('button', { name: 'Add provider' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an OpenID Connect provider' });
    await dialog.getByLabel('Name', { exact: true }).fill('Demo SSO');
    await dialog.getByLabel('Issuer URL', { exact: true }).fill(idp.issuer);
    await dialog.getByLabel('Client ID', { exact: true }).fill(idp.clientId);
    await dialog.getByLabel('Client secret', { exact: true }).fill(idp.clientSecret);
    await dialog.getByLabel('Scopes', { exact: true }).fill('openid email profile groups');
    expect(await dialog.getByLabel('Role claim', { exact: true }).inputValue()).toBe('groups');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await dialog.getByLabel('Claim value 1', { exact: true }).fill('av-admins');
    await dialog.getByLabel('Role 1', { exact: true }).selectOption('administrator');
    await expectNoSeriousViolations(page, 'dialog Add an OpenID Connect provider');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const table = section.getByRole('table', { name: 'OpenID Connect providers' });
    await table.getByRole('cell', { name: 'Demo SSO', exact: true }).waitFor();
    signInLink = await table.locator('code', { hasText: '/sign-in?provider=' }).innerText();
    expect(signInLink).toMatch(new RegExp(`^${hub.url}/sign-in\\?provider=[0-9a-f-]{36}$`));
    await section.getByRole('button', { name: 'Copy the sign-in link of Demo SSO' }).waitFor();
    await expectNoSeriousViolations(page, 'Settings › Sign-in with a provider');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username or email address', { exact: true }).waitFor();
  });

  it('a person signs in through the organization’s link and lands with the mapped role', async () => {
    // The plain sign-in page lists hub-wide providers only: this one is the organization's.
    expect(await page.getByRole('button', { name: 'Sign in with Demo SSO' }).count()).toBe(0);
    await page.goto(signInLink);
    await page.getByRole('button', { name: 'Sign in with Demo SSO' }).click();
    // At the provider's own page.
    await page.waitForURL((u) => u.href.startsWith(idp.issuer));
    await page.getByLabel('Username', { exact: true }).fill('mia');
    await page.getByLabel('Password', { exact: true }).fill('mia-at-the-idp');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back at the hub, signed in as Mia (a new account accepts the terms first).
    await page.waitForURL((u) => u.href.startsWith(hub.url));
    const terms = page.getByRole('dialog', { name: 'Read and accept terms' });
    await terms.getByLabel('I accept the Terms of Use').check();
    await terms.getByLabel('I accept the Privacy Policy').check();
    await terms.getByRole('button', { name: 'Accept' }).click();
    await terms.waitFor({ state: 'hidden' });
    await nav(page, 'Users');
    const row = page.getByRole('row', { name: /mia\.wong@demo-customer\.example/ });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('OpenID');
    expect(text).toContain('Administrator');
    expect(text).toContain('Mia');
    await expectNoSeriousViolations(page, 'users as an OpenID administrator');
  });

  it('says why when the provider gives no role', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    const mia = idp.accounts.get('mia');
    if (mia) mia.groups = [];
    await page.goto(signInLink);
    await page.getByRole('button', { name: 'Sign in with Demo SSO' }).click();
    // The provider still has Mia's session: straight back to the hub.
    await page.waitForURL((u) => u.href.startsWith(`${hub.url}/sign-in?error=`));
    await page
      .getByRole('alert')
      .getByText('Your account at the provider gives you no role here. Ask your administrator.')
      .waitFor();
    await expectNoSeriousViolations(page, 'sign-in with an OpenID error');
  });

  it('the platform operator adds a hub-wide provider, offered on every sign-in page', async () => {
    await page.goto(`${hub.url}/sign-in`);
    await page.getByLabel('Username or email address', { exact: true }).fill(demoAccounts.operator);
    await page.getByLabel('Password', { exact: true }).fill(demoAccounts.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const terms = page.getByRole('dialog', { name: 'Read and accept terms' });
    await terms.getByLabel('I accept the Terms of Use').check();
    await terms.getByLabel('I accept the Privacy Policy').check();
    await terms.getByRole('button', { name: 'Accept' }).click();
    await nav(page, 'Settings');
    await page.getByRole('tab', { name: 'Sign-in', exact: true }).click();
    const section = page.getByRole('region', { name: 'OpenID Connect providers' });
    await section.getByText(/offered on the sign-in page of the whole hub/).waitFor();
    await section.getByRole('button', { name: 'Add provider' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an OpenID Connect provider' });
    await dialog.getByLabel('Name', { exact: true }).fill('Hub SSO');
    await dialog.getByLabel('Issuer URL', { exact: true }).fill(idp.issuer);
    await dialog.getByLabel('Client ID', { exact: true }).fill(idp.clientId);
    await dialog.getByLabel('Client secret', { exact: true }).fill(idp.clientSecret);
    await dialog.getByLabel('Scopes', { exact: true }).fill('openid email profile groups');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await dialog.getByLabel('Claim value 1', { exact: true }).fill('av-admins');
    await dialog.getByLabel('Role 1', { exact: true }).selectOption('monitor');
    await dialog.getByLabel('Organization 1', { exact: true }).selectOption({ label: 'Globex Corporation' });
    await expectNoSeriousViolations(page, 'dialog Add a hub-wide OpenID Connect provider');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await section.getByRole('cell', { name: 'Hub SSO', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();

    // The plain sign-in page now offers it; Mia already has an account through the organization's
    // provider, with the same address: this one does not take it over.
    await page.getByRole('button', { name: 'Sign in with Hub SSO' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign in with Demo SSO' }).count()).toBe(0);
    const mia = idp.accounts.get('mia');
    if (mia) mia.groups = ['av-admins'];
    await page.getByRole('button', { name: 'Sign in with Hub SSO' }).click();
    await page.waitForURL((u) => u.href.startsWith(`${hub.url}/sign-in?error=`));
    await page
      .getByRole('alert')
      .getByText(/Another account here already has your email address/)
      .waitFor();
  });
});
