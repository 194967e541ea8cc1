// Accessibility in the browser: axe-core (WCAG 2 A/AA) on every screen of the web app, as a
// signed-out visitor, a client organization and a support organization sees it, with its tabs and
// dialogs open; and one flow done with the keyboard only. The other browser tests check the screens
// they fill with data the same way (expectNoSeriousViolations after each step).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { demoAccounts, type RunningHub } from '@crosspoint/hub';
import type { FakeAgent } from '@crosspoint/hub/testing';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { connectDemoAgent, signInToDemoClient, startHubForBrowser } from './hub-fixture.ts';

/** Waits until the screen shows no loading message (its data arrived): they are status messages. */
const loaded = (page: Page) =>
  expect.poll(async () => (await page.getByRole('status').allInnerTexts()).join(' ')).not.toMatch(/Loading/);

/** Clicks an entry of the main navigation and waits for the screen's heading and its data. */
async function openScreen(page: Page, link: string, heading: string | RegExp = link): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  await loaded(page);
}

/** Opens a screen from the main navigation and checks it. */
async function visit(
  page: Page,
  link: string,
  screen: string,
  heading: string | RegExp = link,
): Promise<void> {
  await openScreen(page, link, heading);
  await expectNoSeriousViolations(page, screen);
}

/** Opens each tab of the screen's tab list in turn and checks its panel. */
async function checkTabs(page: Page, screen: string): Promise<void> {
  const names = await page.getByRole('tablist').getByRole('tab').allInnerTexts();
  expect(names.length, `${screen} has tabs`).toBeGreaterThan(0);
  for (const name of names) {
    await page.getByRole('tab', { name, exact: true }).click();
    await page.getByRole('tabpanel', { name, exact: true }).waitFor();
    await loaded(page);
    await expectNoSeriousViolations(page, `${screen} › ${name}`);
  }
}

/** Opens the dialog that `opener` opens, checks the page with it open, and closes it with Escape. */
async function checkDialog(page: Page, opener: Locator, dialogName: string): Promise<void> {
  await opener.click();
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.waitFor();
  await expectNoSeriousViolations(page, `dialog ${dialogName}`);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
}

const focused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

/**
 * Presses Tab until `target` has the focus (at most `max` times), as a keyboard user would, and
 * checks that the focus is visible there (the browser's :focus-visible and an outline or shadow).
 */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  await target.waitFor();
  for (let i = 0; !(await focused(target)); i++) {
    if (i === max) {
      const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing');
      throw new Error(
        `${target.toString()} not reached with ${String(max)} Tab presses; the focus is on ${at}`,
      );
    }
    await page.keyboard.press('Tab');
  }
  const visible = await target.evaluate((el) => {
    const style = getComputedStyle(el);
    return el.matches(':focus-visible') && (style.outlineStyle !== 'none' || style.boxShadow !== 'none');
  });
  expect(visible, `the focus is visible on ${target.toString()}`).toBe(true);
}

describe('accessibility in Chromium', () => {
  let hub: RunningHub;
  let browser: TestBrowser;
  let agent: FakeAgent;

  const signIn = async (page: Page, login: string) => {
    await page.goto(`${hub.url}/sign-in`);
    await page.getByLabel('Username or email address').fill(login);
    await page.getByLabel('Password', { exact: true }).fill(demoAccounts.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  beforeAll(async () => {
    hub = await startHubForBrowser();
    const seeded = await hub.services.bootstrap.seedDemo();
    browser = await launchBrowser();
    ({ agent } = await connectDemoAgent(hub, seeded.agentLogin, ['Down', 'Safety Mute On', 'Healthy']));
  });
  afterAll(async () => {
    agent.close();
    await browser.close();
    await hub.close();
  });

  it('has no serious violation on the signed-out screens', async () => {
    const page = await browser.newPage();
    await page.goto(`${hub.url}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectNoSeriousViolations(page, 'sign-in');
    await page.getByLabel('Username or email address').fill(demoAccounts.owner);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await expectNoSeriousViolations(page, 'sign-in with an error');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('Email address', { exact: true }).waitFor();
    await expectNoSeriousViolations(page, 'forgot password');
    await page.goto(`${hub.url}/reset-password?token=not-a-token`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await loaded(page);
    await expectNoSeriousViolations(page, 'reset password');
    await page.goto(`${hub.url}/register?token=not-a-token`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await loaded(page);
    await expectNoSeriousViolations(page, 'register');
    await page.close();
  });

  it('is usable with the keyboard only: sign in, accept the terms, choose the client, open a device and a dialog', async () => {
    const page = await browser.newPage();
    await page.goto(`${hub.url}/sign-in`);
    await tabTo(page, page.getByLabel('Username or email address'));
    await page.keyboard.type(demoAccounts.owner);
    await tabTo(page, page.getByLabel('Password', { exact: true }));
    await page.keyboard.type(demoAccounts.password);
    await tabTo(page, page.getByRole('button', { name: 'Sign in' }));
    await page.keyboard.press('Enter');

    // The terms dialog takes the focus; its checkboxes tick with Space.
    const terms = page.getByRole('dialog', { name: 'Read and accept terms' });
    await tabTo(page, terms.getByLabel('I accept the Terms of Use'));
    await page.keyboard.press('Space');
    await tabTo(page, terms.getByLabel('I accept the Privacy Policy'));
    await page.keyboard.press('Space');
    await tabTo(page, terms.getByRole('button', { name: 'Accept' }));
    await page.keyboard.press('Enter');
    await terms.waitFor({ state: 'hidden' });

    // The skip link comes first, then the header: choose the client organization.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await tabTo(page, page.getByRole('button', { name: 'Choose Organization…' }));
    await page.keyboard.press('Enter');
    const choose = page.getByRole('dialog', { name: 'Choose Organization' });
    await tabTo(page, choose.getByLabel('Filter organizations'));
    await page.keyboard.type('globex');
    await tabTo(page, choose.getByRole('button', { name: /Globex Corporation/ }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Globex Corporation' }).waitFor();

    // The device list from the navigation, sorted from its column header, then a device.
    await tabTo(
      page,
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pro Audio' }),
    );
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Pro Audio devices' }).waitFor();
    await tabTo(page, page.getByRole('button', { name: 'Name' }));
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('columnheader', { name: 'Name', exact: true }).getAttribute('aria-sort'))
      .toMatch(/ascending|descending/);
    await tabTo(page, page.getByRole('link', { name: 'Room 2' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Room 2' }).waitFor();

    // A dialog opens with Enter, keeps the focus inside, closes with Escape and gives the focus back.
    const opener = page.getByRole('button', { name: 'Update firmware…' });
    await tabTo(page, opener);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Update the firmware of Room 2' });
    await dialog.waitFor();
    // The page behind a modal <dialog> is inert: Tab cycles through the dialog and, past its last
    // control, the browser's own toolbar (no element of the page then), never the page behind.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const where = await dialog.evaluate((d) => {
        const at = document.activeElement;
        return !at || at === document.body || d.contains(at) ? 'dialog' : at.outerHTML.slice(0, 120);
      });
      expect(where, 'the focus stays in the dialog').toBe('dialog');
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // Soft: the flow goes on from wherever the focus is, to show the rest is reachable too.
    expect.soft(await focused(opener), 'the focus is back on the button that opened the dialog').toBe(true);

    // A tab of Settings, then sign out.
    await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('tab', { name: 'API tokens' }));
    await page.keyboard.press('Space');
    await page.getByRole('tabpanel', { name: 'API tokens' }).waitFor();
    await tabTo(page, page.getByRole('button', { name: 'Sign out' }), 120);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.close();
  });

  it('has no serious violation on any screen of a client organization, its tabs and its dialogs', async () => {
    // The owner accepted the terms in the keyboard test above.
    const client = await browser.newPage();
    await signInToDemoClient(client, hub.url, { termsAccepted: true });
    await checkDialog(
      client,
      client.getByRole('button', { name: 'Choose Organization…' }),
      'Choose Organization',
    );
    await client.getByRole('group', { name: /Devices by/ }).waitFor();
    await expectNoSeriousViolations(client, 'dashboard (client)');
    await openScreen(client, 'Pro Audio', 'Pro Audio devices');
    await client.getByRole('link', { name: 'Room 1' }).waitFor();
    await expectNoSeriousViolations(client, 'Pro Audio devices');
    await client.locator('.columns-menu summary').click();
    await expectNoSeriousViolations(client, 'Pro Audio devices, columns menu open');
    await client.getByLabel('Select all visible devices').check();
    await expectNoSeriousViolations(client, 'Pro Audio devices, all selected');
    await visit(client, 'Video', 'Video devices', /devices/);
    await openScreen(client, 'Pro Audio', 'Pro Audio devices');
    await client.getByRole('link', { name: 'Room 1' }).click();
    await client.getByRole('heading', { name: 'Room 1' }).waitFor();
    await expectNoSeriousViolations(client, 'device detail');
    await checkDialog(
      client,
      client.getByRole('button', { name: 'Update firmware…' }),
      'Update the firmware of Room 1',
    );
    await checkDialog(
      client,
      client.getByRole('button', { name: 'Load configuration…' }),
      'Load a configuration on Room 1',
    );

    await visit(client, 'Organization', 'organization overview (client)', 'Globex Corporation');
    await visit(client, 'Users', 'users');
    await checkDialog(client, client.getByRole('button', { name: 'Add users' }), 'Add users');
    await visit(client, 'Servers', 'servers');
    await checkDialog(
      client,
      client.getByRole('button', { name: 'Add agent server account' }),
      'Add agent server account',
    );
    await visit(client, 'Locations', 'locations');
    await checkDialog(client, client.getByRole('button', { name: 'Add location' }), 'Add location');
    await openScreen(client, 'Alerts');
    await checkTabs(client, 'alerts');
    await client.getByRole('tab', { name: 'Rules' }).click();
    await checkDialog(client, client.getByRole('button', { name: 'Add rule' }), 'Add alert rule');
    await visit(client, 'History', 'history');
    await openScreen(client, 'Settings');
    await checkTabs(client, 'settings');
    await client.getByRole('tab', { name: 'My Account' }).click();
    await checkDialog(client, client.getByRole('button', { name: 'Change Number…' }), 'Change Number');
    await visit(client, 'Help', 'help');
    await visit(client, 'Downloads', 'downloads');
    await visit(client, 'Hub status', 'hub status');
    await client.goto(`${hub.url}/no/such/screen`);
    await client.getByRole('heading', { name: 'Page not found' }).waitFor();
    await expectNoSeriousViolations(client, 'page not found');
    await client.close();
  });

  it('has no serious violation on the screens only a support organization has', async () => {
    const page = await browser.newPage();
    await signIn(page, demoAccounts.owner);
    await page.getByRole('heading', { name: 'Demo AV Integrators', level: 1 }).waitFor();
    await loaded(page);
    await expectNoSeriousViolations(page, 'dashboard (support)');
    await visit(page, 'Organization', 'organization overview (support)', 'Demo AV Integrators');
    await visit(page, 'Organizations', 'organizations (support)');
    await checkDialog(
      page,
      page.getByRole('button', { name: 'Add client organization' }),
      'Add client organization',
    );
    await visit(page, 'Communications', 'communications (support)');
    await checkDialog(page, page.getByRole('button', { name: 'Call settings' }), 'Call settings');
    await page.close();
  });

  it('has no serious violation on the terms dialog and the operator’s screens', async () => {
    const page = await browser.newPage();
    await signIn(page, demoAccounts.operator);
    const terms = page.getByRole('dialog', { name: 'Read and accept terms' });
    await terms.waitFor();
    await expectNoSeriousViolations(page, 'dialog Read and accept terms');
    await terms.getByLabel('I accept the Terms of Use').check();
    await terms.getByLabel('I accept the Privacy Policy').check();
    await terms.getByRole('button', { name: 'Accept' }).click();
    await terms.waitFor({ state: 'hidden' });
    await page.getByRole('figure', { name: 'Support organizations' }).waitFor();
    await expectNoSeriousViolations(page, 'dashboard (operator)');
    await visit(page, 'Organizations', 'organizations (operator)');
    await checkDialog(
      page,
      page.getByRole('button', { name: 'Add support organization' }),
      'Add support organization',
    );
    await page.close();
  });
});
