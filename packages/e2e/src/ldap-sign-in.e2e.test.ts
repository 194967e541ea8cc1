// LDAP sign-in in the browser (docs/ldap.md): the owner sets up the organization's directory in
// Settings › Sign-in against a real OpenLDAP server (slapd on loopback) and tests the connection; a
// directory user signs in as DOMAIN\name on the normal sign-in page and lands as Administrator
// (Users: Type LDAP); the test takes them out of the admin group in slapd, and at their next
// sign-in they are a Monitor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type RunningHub } from '@crosspoint/hub';
import { slapdAvailable, startLdapServer, type LdapTestServer } from '@crosspoint/hub/testing';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, screenshot, type TestBrowser } from './browser.ts';
import { signInAsDemoOwner, startHubForBrowser } from './hub-fixture.ts';

const bindPassword = 'svc-Bind-pa55';
const janePassword = 'jane-Dir-pw1';

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

describe.runIf(slapdAvailable())('LDAP sign-in in Chromium', () => {
  let ldap: LdapTestServer;
  let hub: RunningHub;
  let browser: TestBrowser;
  let page: Page;
  let jane = '';
  const dn = (rdn: string) => `${rdn},${ldap.suffix}`;

  beforeAll(async () => {
    ldap = await startLdapServer();
    await ldap.addServiceAccount('svc', bindPassword);
    jane = await ldap.addPerson({
      uid: 'jdoe',
      password: janePassword,
      givenName: 'Jane',
      sn: 'Doe',
      mail: 'jdoe@globex.example',
    });
    await ldap.addGroup('av-admins', [jane]);
    await ldap.addGroup('av-monitors', [jane]);
    hub = await startHubForBrowser();
    await hub.services.bootstrap.seedDemo();
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser.close();
    await hub.close();
    await ldap.close();
  });

  const signInAsJane = async () => {
    await page.goto(`${hub.url}/sign-in`);
    await page.getByText('Directory accounts sign in as DOMAIN\\name or name@domain.').waitFor();
    await page.getByLabel('Username or email address', { exact: true }).fill('GLOBEX\\jdoe');
    await page.getByLabel('Password', { exact: true }).fill(janePassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  /** Jane's own row of the Users table: her role and her account's type. */
  const janesRow = async () => {
    await nav(page, 'Users');
    const row = page.getByRole('row').filter({ hasText: 'jdoe@globex.example' });
    await row.waitFor();
    return row.innerText();
  };

  it('the owner sets up the directory in Settings › Sign-in and tests the connection', async () => {
    await signInAsDemoOwner(page, hub.url);
    await nav(page, 'Settings');
    await page.getByRole('tab', { name: 'Sign-in', exact: true }).click();
    const form = page.getByRole('form', { name: 'LDAP / Active Directory' });
    await form.getByLabel('Sign-in domain', { exact: true }).fill('GLOBEX');
    await form.getByLabel('Server URL', { exact: true }).fill(ldap.url);
    await form.getByLabel('Security', { exact: true }).selectOption('none');
    await form.getByLabel('Bind DN', { exact: true }).fill(dn('cn=svc'));
    await form.getByLabel('Bind password', { exact: true }).fill(bindPassword);
    await form.getByLabel('User search base', { exact: true }).fill(dn('ou=people'));
    await form.getByLabel('User filter', { exact: true }).fill('(objectClass=inetOrgPerson)');
    await form.getByLabel('Login attribute', { exact: true }).selectOption('uid');
    // Groups found by member (groupOfNames), not in a memberOf attribute.
    await form.getByLabel('Group attribute', { exact: true }).fill('');
    await form.getByLabel('Group 1 (DN)', { exact: true }).fill(dn('cn=av-admins,ou=groups'));
    await form.getByLabel('Role of group 1', { exact: true }).selectOption('administrator');
    await form.getByRole('button', { name: 'Add a group' }).click();
    await form.getByLabel('Group 2 (DN)', { exact: true }).fill(dn('cn=av-monitors,ou=groups'));
    await form.getByLabel('Role of group 2', { exact: true }).selectOption('monitor');

    // A wrong bind password says which step failed…
    await form.getByLabel('Bind password', { exact: true }).fill('not-it');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await form
      .getByTestId('directory-test-failure')
      .getByText('The service account (bind DN) was refused')
      .waitFor();
    // …the right one connects.
    await form.getByLabel('Bind password', { exact: true }).fill(bindPassword);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await form.getByRole('status').getByText('Connected: 1 person found under the search base.').waitFor();
    await expectNoSeriousViolations(page, 'settings sign-in directory');
    await form.getByRole('button', { name: 'Save directory' }).click();
    await form.getByRole('status').getByText('Directory saved.').waitFor();

    // Test a user with the saved settings: found, in both groups, would be Administrator.
    const userTest = page.getByRole('form', { name: 'Test a user' });
    await userTest.getByLabel('Login to test', { exact: true }).fill('GLOBEX\\jdoe');
    await userTest.getByRole('button', { name: 'Test a user' }).click();
    const result = userTest.getByTestId('directory-user-result');
    await result.waitFor();
    expect(await result.innerText()).toContain(jane);
    expect(await result.innerText()).toContain('Administrator');
    await screenshot(page, 'ldap-settings');
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('a directory user signs in as DOMAIN\\name and lands as Administrator', async () => {
    await signInAsJane();
    const terms = page.getByRole('dialog', { name: 'Read and accept terms' });
    await terms.getByLabel('I accept the Terms of Use').check();
    await terms.getByLabel('I accept the Privacy Policy').check();
    await terms.getByRole('button', { name: 'Accept' }).click();
    await terms.waitFor({ state: 'hidden' });
    const row = await janesRow();
    expect(row).toContain('Jane Doe');
    expect(row).toContain('LDAP');
    expect(row).toContain('Administrator');
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('is a Monitor at the next sign-in once out of the admin group', async () => {
    await ldap.deleteValue(dn('cn=av-admins,ou=groups'), 'member', jane);
    await signInAsJane();
    const row = await janesRow();
    expect(row).toContain('Monitor');
    expect(row).not.toContain('Administrator');
    expect(row).toContain('LDAP');
    await page.getByRole('button', { name: 'Sign out' }).click();
  });
});
