// The web app in other languages and at phone width: the language menu switches the screens live,
// the choice survives a reload (it is the user's profile language), and a 390 px wide phone can
// open the navigation and reach the devices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningHub } from '@crosspoint/hub';
import type { FakeAgent } from '@crosspoint/hub/testing';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, screenshot, type TestBrowser } from './browser.ts';
import { connectDemoAgent, signInToDemoClient, startHubForBrowser } from './hub-fixture.ts';

/** Picks a language in the header's menu, whatever language the menu is labelled in now. */
async function chooseLanguage(page: Page, currentLabel: string, language: string): Promise<void> {
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH',
  );
  await page.getByRole('banner').getByRole('combobox', { name: currentLabel }).selectOption(language);
  expect((await saved).ok()).toBe(true);
}

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);
/** True until the page is loaded again: tells a live switch from a reload. */
const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { crosspointMark: true }));
const stillMarked = (page: Page) => page.evaluate(() => 'crosspointMark' in window);

/**
 * From the next page load on, records the page's text after every change to it, from the first
 * element on: a screen shown in another language first, however briefly, is caught.
 */
const recordTexts = (page: Page) =>
  page.addInitScript(() => {
    const texts: string[] = [];
    Object.assign(window, { crosspointTexts: texts });
    new MutationObserver(() => {
      const body = document.body as HTMLElement | null; // None yet at the very start.
      const text = body?.textContent.trim();
      if (text) texts.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
const recordedTexts = (page: Page) =>
  page.evaluate(() => (window as unknown as { crosspointTexts: string[] }).crosspointTexts);
/** Texts a page in French must never show, not even for a moment. */
const english = /Sign in|Username|Password|Loading|Dashboard|Users|Product model|Language/;

describe('languages and phone width in Chromium', () => {
  let hub: RunningHub;
  let browser: TestBrowser;
  let page: Page;
  let agent: FakeAgent;

  beforeAll(async () => {
    hub = await startHubForBrowser();
    const seeded = await hub.services.bootstrap.seedDemo();
    browser = await launchBrowser();
    page = await browser.newPage();
    ({ agent } = await connectDemoAgent(hub, seeded.agentLogin, ['Down', 'Healthy', 'Healthy']));
  });
  afterAll(async () => {
    agent.close();
    await browser.close();
    await hub.close();
  });

  it('shows a French browser French from its first screen, fetching only the French catalog', async () => {
    const context = await browser.browser.newContext({ locale: 'fr-FR' });
    try {
      const french = await context.newPage();
      french.setDefaultTimeout(10_000);
      const catalogs: string[] = [];
      french.on('request', (r) => {
        const name = /\/assets\/(catalog-en|fr|de)-[\w-]+\.js$/.exec(r.url())?.[1];
        if (name) catalogs.push(name);
      });
      await recordTexts(french);
      await french.goto(`${hub.url}/sign-in`);
      await french.getByRole('heading', { name: 'Se connecter' }).waitFor();
      await french.getByLabel('Nom d’utilisateur ou adresse e-mail').waitFor();
      expect(await htmlLang(french)).toBe('fr');
      const texts = await recordedTexts(french);
      expect(texts.length).toBeGreaterThan(0);
      expect(texts[0]).toContain('Se connecter');
      expect(texts.filter((t) => english.test(t))).toEqual([]);
      expect(catalogs.sort()).toEqual(['catalog-en', 'fr']); // English is the fallback; no German.
      await expectNoSeriousViolations(french, 'sign-in (French)');
    } finally {
      await context.close();
    }
  });

  it('lets a signed-out visitor choose the language, remembered in this browser', async () => {
    await page.goto(`${hub.url}/sign-in`);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await page.getByRole('heading', { name: 'Se connecter' }).waitFor();
    await page.getByLabel('Nom d’utilisateur ou adresse e-mail').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Se connecter' }).waitFor();
    expect(await htmlLang(page)).toBe('fr');
    await screenshot(page, 'sign-in-fr');
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });

  it('switches to French live, keeps it after a reload, then switches to German', async () => {
    await signInToDemoClient(page, hub.url);
    expect(await htmlLang(page)).toBe('en');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pro Audio' }).click();
    await page.getByRole('columnheader', { name: 'Product model' }).waitFor();
    await markPage(page);
    // The twelve languages, each in its own name.
    const menu = page.getByRole('banner').getByRole('combobox', { name: 'Language' });
    expect(await menu.locator('option').allTextContents()).toEqual([
      'English',
      'Français',
      'Italiano',
      'Español',
      'Deutsch',
      'Português',
      'Polski',
      '简体中文',
      '한국어',
      '日本語',
      'العربية',
      'Русский',
    ]);

    await chooseLanguage(page, 'Language', 'fr');
    const nav = page.getByRole('navigation', { name: 'Principale' });
    await nav.getByRole('link', { name: 'Tableau de bord' }).waitFor();
    await nav.getByRole('link', { name: 'Utilisateurs' }).waitFor();
    await page.getByRole('heading', { name: 'Appareils Pro Audio' }).waitFor();
    for (const header of [
      'État',
      'Modèle',
      'Nom',
      'N° de série',
      'Emplacement',
      'Micrologiciel',
      'IP d’accès',
    ]) {
      await page.getByRole('columnheader', { name: header, exact: true }).waitFor();
    }
    await page
      .getByTestId('list-count')
      .getByText(/^3 appareils/)
      .waitFor();
    await page
      .getByRole('table', { name: 'Appareils' })
      .getByText(/Hors service/)
      .waitFor();
    expect(await stillMarked(page)).toBe(true);
    expect(await htmlLang(page)).toBe('fr');
    await screenshot(page, 'devices-fr');
    await expectNoSeriousViolations(page, 'Pro Audio devices (French)');

    await recordTexts(page);
    await page.reload();
    await page
      .getByRole('navigation', { name: 'Principale' })
      .getByRole('link', { name: 'Tableau de bord' })
      .waitFor();
    await page.getByRole('columnheader', { name: 'Modèle', exact: true }).waitFor();
    expect(await stillMarked(page)).toBe(false);
    expect(await htmlLang(page)).toBe('fr');
    // French from the first text on the page: no English while the French catalog loads.
    expect((await recordedTexts(page)).filter((t) => english.test(t))).toEqual([]);

    await chooseLanguage(page, 'Langue', 'de');
    await page
      .getByRole('navigation', { name: 'Hauptmenü' })
      .getByRole('link', { name: 'Benutzer' })
      .waitFor();
    await page.getByRole('heading', { name: 'Pro-Audio-Geräte' }).waitFor();
    await page.getByRole('columnheader', { name: 'Produktmodell', exact: true }).waitFor();
    await page
      .getByTestId('list-count')
      .getByText(/^3 Geräte/)
      .waitFor();
    expect(await htmlLang(page)).toBe('de');
    await screenshot(page, 'devices-de');
    await expectNoSeriousViolations(page, 'Pro Audio devices (German)');

    // Back to English for the next test; the profile keeps the last choice.
    await chooseLanguage(page, 'Sprache', 'en');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).waitFor();
  });

  it('at phone width opens the navigation from the menu button and reaches the devices', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${hub.url}/`);
    await page.getByRole('heading', { name: 'Globex Corporation' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.isVisible()).toBe(false);
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-dashboard');
    await expectNoSeriousViolations(page, 'dashboard (phone)');

    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    await nav.waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, 'phone-navigation');
    await expectNoSeriousViolations(page, 'navigation open (phone)');
    await nav.getByRole('link', { name: 'Pro Audio' }).click();
    await page.getByRole('heading', { name: 'Pro Audio devices' }).waitFor();
    expect(await nav.isVisible()).toBe(false); // Choosing a screen closes the menu.
    await page
      .getByTestId('list-count')
      .getByText(/^3 devices/)
      .waitFor();
    // The wide table scrolls inside its box; the page itself does not scroll sideways.
    const table = await page
      .locator('.table-wrap')
      .first()
      .evaluate((el) => ({ scroll: el.scrollWidth, width: el.clientWidth }));
    expect(table.scroll).toBeGreaterThan(table.width);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-devices');
    await expectNoSeriousViolations(page, 'Pro Audio devices (phone)');

    await page.getByRole('link', { name: 'Room 1' }).click();
    await page.getByRole('heading', { name: 'Room 1' }).waitFor();
    expect(await page.getByTestId('device-status').innerText()).toMatch(/^Down for/);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-device-detail');
    await expectNoSeriousViolations(page, 'device detail (phone)');

    // The other main screens fit too (screenshots for review).
    for (const [link, name] of [
      ['Users', 'phone-users'],
      ['Servers', 'phone-servers'],
      ['Locations', 'phone-locations'],
      ['Alerts', 'phone-alerts'],
      ['History', 'phone-history'],
      ['Settings', 'phone-settings'],
    ] as const) {
      await menu.click();
      await nav.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { name: link, exact: true }).waitFor();
      expect(await overflow(), link).toBeLessThanOrEqual(0);
      await screenshot(page, name);
      await expectNoSeriousViolations(page, `${link} (phone)`);
    }
  });
});
