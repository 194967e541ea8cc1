// The twelve languages in Chromium: every main screen in each language without an untranslated key
// or an English leftover; Arabic mirrored (dir=rtl, the menu on the right) with screenshots of the
// main screens; the help center's search and each screen's "?".
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningHub } from '@crosspoint/hub';
import type { FakeAgent } from '@crosspoint/hub/testing';
import { expectNoSeriousViolations } from './accessibility.ts';
import { launchBrowser, screenshot, type TestBrowser } from './browser.ts';
import { connectDemoAgent, signInToDemoClient, startHubForBrowser } from './hub-fixture.ts';

const languages = ['fr', 'it', 'es', 'de', 'pt', 'pl', 'zh', 'ko', 'ja', 'ar', 'ru'] as const;

/** A catalog of the web app as `a.b.c` → text. */
function catalog(lng: string): Map<string, string> {
  const tree = JSON.parse(
    readFileSync(new URL(`../../web/src/i18n/${lng}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  const out = new Map<string, string>();
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(node)) {
      if (v && typeof v === 'object') walk(v as Record<string, unknown>, `${prefix}${k}.`);
      else out.set(`${prefix}${k}`, String(v));
    }
  };
  walk(tree, '');
  return out;
}

const en = catalog('en');
/** Every key and key prefix of the catalog, plural forms folded (`devices.count`, `devices.columns`). */
const keys = new Set(
  [...en.keys()].flatMap((k) => {
    const parts = k.replace(/_(zero|one|two|few|many|other)$/, '').split('.');
    return parts.slice(1).map((_, i) => parts.slice(0, i + 2).join('.'));
  }),
);
/** A catalog key shown as such (`devices.columns.model`): an untranslated key. */
const rawKey = (text: string) => text.match(/\b[a-zA-Z]+(?:\.[A-Za-z0-9_-]+)+\b/g)?.find((m) => keys.has(m));

/** English sentences of three words or more that `lng` words differently: none may show. */
function englishLeftovers(lng: string): string[] {
  const mine = catalog(lng);
  return [...en]
    .filter(([k, v]) => !/[{<]/.test(v) && v.trim().split(/\s+/).length >= 3 && mine.get(k) !== v)
    .map(([, v]) => v);
}

/** The screen's text as shown, without what is marked English on purpose (help bodies not translated). */
const shownText = (page: Page) =>
  page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    for (const el of copy.querySelectorAll('[lang="en"]')) el.remove();
    for (const el of copy.querySelectorAll('option')) el.remove(); // The language menu's own names.
    for (const el of copy.querySelectorAll('code')) el.remove(); // Codes shown as codes: audit actions, paths.
    return copy.innerText;
  });

/** The main screens of a client organization, by the link that opens them. */
const screens = [
  { name: 'dashboard', href: '/' },
  { name: 'devices', href: '/devices?kind=pro-audio' },
  { name: 'organization', href: '/overview' },
  { name: 'usage', href: '/usage' },
  { name: 'users', href: '/users' },
  { name: 'servers', href: '/servers' },
  { name: 'locations', href: '/locations' },
  { name: 'alerts', href: '/alerts' },
  { name: 'history', href: '/history' },
  { name: 'settings', href: '/settings' },
  { name: 'help', href: '/help' },
  { name: 'downloads', href: '/downloads' },
];

async function openScreen(page: Page, href: string): Promise<void> {
  await page.locator(`#main-nav a[href="${href}"]`).click();
  await page.locator('main h1').first().waitFor();
  await page.waitForTimeout(300); // Lists and charts fill in after their first request.
  await page
    .locator('main')
    .getByRole('status')
    .filter({ hasText: /…$/ })
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
}

async function chooseLanguage(page: Page, lng: string): Promise<void> {
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH',
  );
  await page.getByRole('banner').locator('select.language').selectOption(lng);
  expect((await saved).ok()).toBe(true);
  await page.waitForFunction((l) => document.documentElement.lang === l, lng);
}

describe('the twelve languages in Chromium', () => {
  let hub: RunningHub;
  let browser: TestBrowser;
  let page: Page;
  let agent: FakeAgent;

  beforeAll(async () => {
    hub = await startHubForBrowser();
    const seeded = await hub.services.bootstrap.seedDemo();
    browser = await launchBrowser();
    page = await browser.newPage();
    ({ agent } = await connectDemoAgent(hub, seeded.agentLogin, ['Down', 'Healthy', 'Locate Light On']));
    await signInToDemoClient(page, hub.url);
  });
  afterAll(async () => {
    agent.close();
    await browser.close();
    await hub.close();
  });

  it('offers the twelve languages, each in its own name', async () => {
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
  });

  it.each(languages)(
    '%s: the main screens show no catalog key and no English sentence',
    async (lng) => {
      await chooseLanguage(page, lng);
      const leftovers = englishLeftovers(lng);
      const found: string[] = [];
      for (const screen of screens) {
        await openScreen(page, screen.href);
        const text = await shownText(page);
        const key = rawKey(text);
        if (key) found.push(`${screen.name}: key ${key}`);
        for (const e of leftovers) if (text.includes(e)) found.push(`${screen.name}: “${e}”`);
        expect(await page.evaluate(() => document.documentElement.dir)).toBe(lng === 'ar' ? 'rtl' : 'ltr');
        if (lng === 'ar') await screenshot(page, `ar-${screen.name}`);
      }
      expect(found).toEqual([]);
    },
    120_000,
  );

  it('mirrors the layout in Arabic: the menu on the right, tables and dialogs right to left', async () => {
    await chooseLanguage(page, 'ar');
    await openScreen(page, '/devices?kind=pro-audio');
    const nav = await page.locator('#main-nav').boundingBox();
    const main = await page.locator('main').boundingBox();
    if (!nav || !main) throw new Error('no layout');
    expect(nav.x).toBeGreaterThan(main.x); // The side menu is on the right of the screen.
    expect(nav.x + nav.width).toBeGreaterThan((page.viewportSize()?.width ?? 0) - 5);
    // A table's first column (status) is its rightmost one.
    const cells = page.locator('main table thead th');
    const first = await cells.first().boundingBox();
    const last = await cells.last().boundingBox();
    expect(first && last && first.x > last.x).toBe(true);
    await screenshot(page, 'ar-devices-mirrored');
    await expectNoSeriousViolations(page, 'Pro Audio devices (Arabic)');
    await openScreen(page, '/locations');
    await page.locator('main').getByRole('button').first().click(); // Add location: a dialog.
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await screenshot(page, 'ar-dialog');
    await page.keyboard.press('Escape');
    await chooseLanguage(page, 'en');
  });

  it('finds the locate-light page from the navigation bar’s search', async () => {
    await page.getByRole('search').getByLabel('Search help').fill('locate');
    await page.keyboard.press('Enter');
    const contents = page.getByRole('navigation', { name: 'Help topics' });
    await contents.getByRole('link').first().waitFor();
    expect(await contents.getByRole('link').first().textContent()).toBe('Toggling Device Locate Light');
    await page.getByRole('heading', { name: 'Toggling Device Locate Light' }).waitFor();
    await page
      .getByText(/Applies to: Cloud and Enterprise editions/)
      .first()
      .waitFor();
    await expectNoSeriousViolations(page, 'help, searched “locate”');
  });

  it('opens the Devices screen’s page from its “?”, its words in the language chosen', async () => {
    await openScreen(page, '/devices?kind=pro-audio');
    await page.getByRole('link', { name: 'Help: Monitoring ClearOne Devices' }).click();
    await page.getByRole('heading', { name: 'Monitoring ClearOne Devices', level: 2 }).waitFor();
    expect(page.url()).toContain('/help?topic=monitoring-devices');
    await page.getByText('Statuses change live while the “Live” mark shows in the header').waitFor();
    await screenshot(page, 'help-devices');

    // Each language's page bodies are a chunk of their own, fetched when that language's help is read.
    await chooseLanguage(page, 'es');
    await page.getByRole('heading', { name: 'Supervisar dispositivos ClearOne', level: 2 }).waitFor();
    await page
      .getByText('Los estados cambian en directo mientras la marca «En directo» aparece en el encabezado')
      .waitFor();
    expect(await page.getByRole('note').count()).toBe(0); // Translated: no note.
    await chooseLanguage(page, 'ja');
    await page.getByRole('heading', { name: 'ClearOne デバイスの監視', level: 2 }).waitFor();
    await page
      .getByText('ヘッダーに「ライブ」の表示がある間、ステータスはリアルタイムに変わります。')
      .waitFor();
    expect(await page.getByRole('note').count()).toBe(0);
    await chooseLanguage(page, 'en');
  });
});
