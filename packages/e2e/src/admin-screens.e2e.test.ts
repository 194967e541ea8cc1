// The Quick-Start Guide in the browser: every admin screen, clicked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cliActor, type RunningHub } from '@crosspoint/hub';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, screenshot, type TestBrowser } from './browser.ts';
import { outboxToken, startHubForBrowser } from './hub-fixture.ts';

const password = 'violet-harbor-tractor-91';

async function acceptTerms(page: Page) {
  const dialog = page.getByRole('dialog', { name: 'Read and accept terms' });
  await dialog.getByLabel('I accept the Terms of Use').check();
  await dialog.getByLabel('I accept the Privacy Policy').check();
  await dialog.getByRole('button', { name: 'Accept' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Clicks an entry of the main navigation. */
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

describe('admin screens in Chromium', () => {
  let hub: RunningHub;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    hub = await startHubForBrowser();
    await hub.services.bootstrap.createOperator(cliActor, { email: 'ops@example.test', password });
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser.close();
    await hub.close();
  });

  it('operator adds a support organization', async () => {
    await page.goto(`${hub.url}/sign-in`);
    await page.getByLabel('Username or email address').fill('ops@example.test');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await acceptTerms(page);
    await nav(page, 'Organizations');
    await page.getByRole('button', { name: 'Add support organization' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add support organization' });
    await dialog.getByLabel('Organization name').fill('Acme AV');
    await dialog.getByLabel('Owner’s email address').fill('richard@acme-av.example');
    await dialog.getByLabel('Licensed Pro Audio devices').fill('40');
    await expectNoSeriousViolations(page, 'dialog Add support organization');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('cell', { name: 'Acme AV', exact: true }).waitFor();
    // Its pool and the pool's usage: allocated to clients, devices monitored.
    const supportTable = page.getByRole('table', { name: 'Support organizations' });
    expect(await supportTable.getByRole('columnheader').allInnerTexts()).toEqual(
      expect.arrayContaining(['Device pool', 'Allocated', 'Monitored']),
    );
    expect(await supportTable.innerText()).toMatch(/Acme AV\s+40\s+0\s+0\s/);
    await expectNoSeriousViolations(page, 'organizations (operator)');
    // The operator's dashboard: what an operator looks after, no device widget, no Servers to point at.
    await nav(page, 'Dashboard');
    const supportOrgs = page.getByRole('figure', { name: 'Support organizations' });
    await expect.poll(() => supportOrgs.locator('.big').innerText()).toBe('1');
    expect(await page.getByRole('figure', { name: 'Servers' }).count()).toBe(0);
    expect(await page.getByText(/see Servers/).count()).toBe(0);
    await page.getByRole('link', { name: 'Open hub status' }).waitFor();
    await expectNoSeriousViolations(page, 'dashboard (operator)');
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('the invited owner registers with a password the meter rates', async () => {
    await page.goto(`${hub.url}/register?token=${await outboxToken(hub, 'richard@acme-av.example')}`);
    await page.getByText(/invited to Acme AV as Owner/).waitFor();
    await page.getByLabel('First name').fill('Richard');
    await page.getByLabel('Last name').fill('Roper');
    await page.getByLabel('Password', { exact: true }).fill('password123');
    await page
      .getByTestId('strength-label')
      .getByText(/Very weak/)
      .waitFor();
    await expectNoSeriousViolations(page, 'register');
    await page.getByRole('button', { name: 'Register' }).click();
    expect(await page.getByRole('alert').innerText()).toMatch(/does not meet the policy/);
    await expectNoSeriousViolations(page, 'register, password refused');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page
      .getByTestId('strength-label')
      .getByText(/strong/i)
      .waitFor();
    await page.getByRole('button', { name: 'Register' }).click();
    await acceptTerms(page);
    await page.getByRole('heading', { name: 'Acme AV' }).waitFor();
  });

  it('adds users, several at once, and filters and re-roles them', async () => {
    await nav(page, 'Users');
    await page.getByRole('button', { name: 'Add users' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add users' });
    await dialog.getByLabel(/Email addresses/).fill('jane@acme-av.example, jim@acme-av.example');
    await dialog.getByLabel('Role').selectOption('monitor');
    await expectNoSeriousViolations(page, 'dialog Add users');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.getByText('2 invited').waitFor();
    await expectNoSeriousViolations(page, 'dialog Add users, invited');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('cell', { name: 'jane@acme-av.example' }).waitFor();
    expect(await page.getByTestId('list-count').innerText()).toMatch(/3 users/);
    await screenshot(page, 'users');
    await expectNoSeriousViolations(page, 'users');
    await page.getByLabel('Filter by status').selectOption('Invited');
    await page
      .getByTestId('list-count')
      .getByText(/^2 users/)
      .waitFor();
    await page.getByLabel('Role of jim@acme-av.example').selectOption('administrator');
    await page.getByLabel('Filter by role').selectOption('administrator');
    await page
      .getByTestId('list-count')
      .getByText(/^1 user\b/)
      .waitFor();
    await page.getByLabel('Search users').fill('nobody');
    await page.getByText('No user matches these filters.').waitFor();
    await expectNoSeriousViolations(page, 'users, no match');
  });

  it('adds a client with the wizard, refusing a plan larger than the pool', async () => {
    await nav(page, 'Organizations');
    await page.getByRole('button', { name: 'Add client organization' }).click();
    const wizard = page.getByRole('dialog', { name: 'Add client organization' });
    await wizard.getByLabel('Organization name').fill('Globex Corp');
    await wizard.getByLabel('Email address').fill('richard@acme-av.example');
    await wizard.getByLabel(/Client reference/).fill('FIN-42');
    await expectNoSeriousViolations(page, 'wizard Add client organization, step 1');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByLabel('Max Pro Audio devices').fill('41');
    await wizard.getByRole('button', { name: 'Review' }).click();
    expect(await wizard.getByRole('alert').innerText()).toMatch(/only 40 are left/);
    await expectNoSeriousViolations(page, 'wizard Add client organization, plan refused');
    await wizard.getByLabel('Max Pro Audio devices').fill('25');
    await wizard.getByRole('button', { name: 'Review' }).click();
    const review = wizard.getByRole('definition');
    await review.getByText('Globex Corp').waitFor();
    await review.getByText('15', { exact: true }).waitFor();
    await expectNoSeriousViolations(page, 'wizard Add client organization, review');
    await wizard.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('cell', { name: 'Globex Corp', exact: true }).waitFor();
    await screenshot(page, 'organizations');
    await expectNoSeriousViolations(page, 'organizations (support)');
    expect(await page.getByRole('table', { name: 'Client organizations' }).innerText()).toMatch(
      /Invited\s+Globex Corp\s+C1\d{4}/,
    );
  });

  it('signs into the client and adds an agent server account with the meter and policy', async () => {
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Globex Corp' }).waitFor();
    expect(await page.getByTestId('current-org').innerText()).toMatch(/Client of Acme AV/);
    await nav(page, 'Servers');
    await page.getByText(/No agent server accounts yet/).waitFor();
    await expectNoSeriousViolations(page, 'servers, none yet');
    await page.getByRole('button', { name: 'Add agent server account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add agent server account' });
    await dialog.getByLabel('Agent server account name').fill('HQ Rack');
    await dialog.getByLabel('Password', { exact: true }).fill('abc');
    expect(await dialog.getByRole('listitem').filter({ hasText: 'A digit' }).getAttribute('class')).toBe(
      'todo',
    );
    await dialog.getByLabel('Password', { exact: true }).fill('Rack#Room-7a');
    await dialog.getByLabel('Confirm password').fill('Rack#Room-7b');
    await dialog.getByText('The passwords differ.').waitFor();
    await expectNoSeriousViolations(page, 'dialog Add agent server account, passwords differ');
    await dialog.getByLabel('Confirm password').fill('Rack#Room-7a');
    await dialog.getByRole('button', { name: 'Add' }).click();
    // The success step: the agent login to copy, the password hint, and the way to Downloads.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: hub.url });
    const added = page.getByRole('dialog', { name: 'Server account HQ Rack added' });
    const login = await added.getByTestId('agent-login').innerText();
    expect(login).toMatch(/^HQ Rack@C1\d{4}$/);
    await added.getByText('the password you just set').waitFor();
    await added.getByRole('link', { name: /Downloads/ }).waitFor();
    await expectNoSeriousViolations(page, 'dialog server account added');
    await added.getByRole('button', { name: 'Copy the agent login' }).click();
    await added.getByRole('status').getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(login);
    await added.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('cell', { name: 'HQ Rack', exact: true }).waitFor();
    const table = page.getByRole('table', { name: 'Servers' });
    expect(await table.innerText()).toMatch(
      /Disconnected\s+HQ Rack\s+HQ Rack@C1\d{4}\s+Copy\s+0\s+Off\s+—\s+0 of 0/,
    );
    // The list's search finds an account by its agent login, and each row copies its own.
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.getByLabel('Search servers').fill(login.toLowerCase());
    await table.getByRole('button', { name: 'Copy the agent login of HQ Rack' }).click();
    await table.getByRole('status').getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(login);
    await page.getByLabel('Search servers').fill('');
    // Downloads says where the login is and what to type into the agent.
    await nav(page, 'Downloads');
    const code = login.split('@')[1] ?? '';
    await page.getByText(`Rack@${code}`, { exact: true }).waitFor();
    await page.getByText(/column Agent login/).waitFor();
    await page.getByText(/Settings › External Services and type/).waitFor();
    await expectNoSeriousViolations(page, 'downloads, where the agent login is');
    await nav(page, 'Servers');
    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('cell', { name: 'Disabled' }).waitFor();
    await screenshot(page, 'servers');
    await expectNoSeriousViolations(page, 'servers');
  });

  it('builds a location tree and collapses it', async () => {
    await nav(page, 'Locations');
    await page.getByRole('button', { name: 'Add location' }).click();
    let dialog = page.getByRole('dialog', { name: 'Add location' });
    await dialog.getByLabel('Name').fill('Berlin HQ');
    await dialog.getByLabel('Kind').selectOption('building');
    await expectNoSeriousViolations(page, 'dialog Add location');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('button', { name: 'Add inside' }).click();
    dialog = page.getByRole('dialog', { name: 'Add location' });
    await dialog.getByLabel('Name').fill('Room 3.14');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('cell', { name: 'Room 3.14' }).waitFor();
    await page.getByRole('button', { name: 'Collapse Berlin HQ' }).click();
    await page.getByRole('cell', { name: 'Room 3.14' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Expand Berlin HQ' }).click();
    await page.getByRole('cell', { name: 'Room 3.14' }).waitFor();
    await expectNoSeriousViolations(page, 'locations tree');
  });

  it('shows the history as a chart and a filterable table', async () => {
    await nav(page, 'History');
    await page.getByRole('img', { name: 'Actions per day' }).waitFor();
    await page.getByRole('cell', { name: 'locations.created' }).first().waitFor();
    await page.getByLabel('Filter by area').selectOption('servers.');
    // The unfiltered rows stay on screen until the filtered answer replaces them: wait for that.
    await page.getByRole('cell', { name: 'locations.created' }).first().waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'servers.created' }).waitFor();
    expect(await page.getByRole('table', { name: 'History' }).innerText()).not.toMatch(/locations\.created/);
    await screenshot(page, 'history');
    await expectNoSeriousViolations(page, 'history');
  });

  it('changes the SMS number in My Account: a code is texted to it and it counts once verified', async () => {
    await nav(page, 'Settings');
    await page.getByRole('button', { name: 'Change Number…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change Number' });
    await dialog.getByLabel(/New phone number/).fill('0800 123');
    await dialog.getByRole('button', { name: 'Send code' }).click();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByLabel(/New phone number/).fill('+1 801 555 0100');
    await dialog.getByRole('button', { name: 'Send code' }).click();
    await dialog.getByText(/We texted a 6-digit code to \+18015550100/).waitFor();
    await expectNoSeriousViolations(page, 'dialog Change Number, code sent');
    // No SMS provider here: the text waits in the operator's outbox.
    const [kept] = await hub.services.mail.recent(1, '+18015550100');
    const code = /\b(\d{6})\b/.exec(kept?.text ?? '')?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await dialog.getByLabel('Code from the text message').fill(code === '000000' ? '111111' : '000000');
    await dialog.getByRole('button', { name: 'Verify' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/not the code we sent/)
      .waitFor();
    await dialog.getByLabel('Code from the text message').fill(code);
    await dialog.getByRole('button', { name: 'Verify' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('sms-number').getByText('+18015550100').waitFor();
    await page.getByTestId('sms-verified').getByText('Verified').waitFor();
    await expectNoSeriousViolations(page, 'settings › My Account, number verified');
    expect(await page.getByLabel('SMS text').isDisabled()).toBe(false);
  });
  it('creates an API token valid for 30 days, shows when it expires, and revokes it', async () => {
    await nav(page, 'Settings');
    await page.getByRole('tab', { name: 'API tokens' }).click();
    await page.getByText(/stops working when it expires/).waitFor();
    await page.getByLabel('Token name').fill('ticketing');
    await page.getByLabel('Valid for').selectOption('30');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await page.getByTestId('token-secret').innerText();
    expect(secret).toMatch(/^cpt_/);
    await expectNoSeriousViolations(page, 'settings › API tokens, new token');
    const table = page.getByRole('table', { name: 'API tokens' });
    const row = table.getByRole('row', { name: /ticketing/ });
    const expires = new Date(Date.now() + 30 * 86_400_000).toLocaleDateString('en');
    await row.getByRole('cell', { name: expires }).waitFor();
    await row.getByRole('cell', { name: 'Never' }).waitFor(); // not used yet
    // The token works for its organization, until it is revoked.
    const orgId = await page.evaluate(async () => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as {
        currentOrg: { id: string } | null;
      };
      return session.currentOrg?.id ?? '';
    });
    const call = () =>
      fetch(`${hub.url}/api/v1/orgs/${orgId}/devices/summary`, {
        headers: { authorization: `Bearer ${secret}` },
      });
    expect((await call()).status).toBe(200);
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await call()).status).toBe(401);
  });
});
