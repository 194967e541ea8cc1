import { languages } from '@crosspoint/protocol';
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  createI18n,
  initialLanguage,
  languageStorageKey,
  loadCatalog,
  uiLanguageOf,
  uiLanguages,
} from './i18n.ts';
import { formatDay, formatDuration } from '../format.ts';

const storage = (value: string | null) => ({
  getItem: (key: string) => (key === languageStorageKey ? value : null),
});

describe('initialLanguage', () => {
  it('prefers the choice remembered in this browser', () => {
    expect(initialLanguage(storage('de'), ['fr-FR'])).toBe('de');
  });
  it('then the first browser language with a catalog', () => {
    expect(initialLanguage(storage(null), ['sv-SE', 'fr-CA', 'de'])).toBe('fr');
  });
  it('then English, also when storage is off or holds junk', () => {
    expect(initialLanguage(null, ['sv'])).toBe('en');
    expect(initialLanguage(storage('xx'), [])).toBe('en');
  });
  it('maps region tags to the base language', () => {
    expect(uiLanguageOf('de-AT')).toBe('de');
    expect(uiLanguageOf('pt-BR')).toBe('pt');
    expect(uiLanguageOf('zh-CN')).toBe('zh');
    expect(uiLanguageOf('sv')).toBeUndefined();
  });
});

describe('createI18n', () => {
  it('gives independent instances that translate with plurals and interpolation', async () => {
    const fr = await createI18n('fr');
    const de = await createI18n('de');
    expect(fr.t('devices.count', { count: 1 })).toBe('1 appareil');
    expect(fr.t('devices.count', { count: 3 })).toBe('3 appareils');
    expect(de.t('devices.count', { count: 3 })).toBe('3 Geräte');
    expect(fr.t('orgKind.clientOf', { name: 'Acme <AV>' })).toBe('Client de Acme <AV>');
    await fr.changeLanguage('en');
    expect(fr.t('nav.dashboard')).toBe('Dashboard');
    expect(de.t('nav.dashboard')).toBe('Dashboard');
    expect(de.t('nav.users')).toBe('Benutzer');
  });
  it('falls back to English for a key a language lacks', async () => {
    const en = await createI18n('en');
    expect(en.t('nav.help', { lng: 'sv' })).toBe('Help');
  });
  it('is ready in its language once it resolves, with only that catalog and English loaded', async () => {
    const fr = await createI18n('fr');
    expect(fr.language).toBe('fr');
    expect(fr.t('nav.users')).toBe('Utilisateurs');
    expect(fr.hasResourceBundle('fr', 'translation')).toBe(true);
    expect(fr.hasResourceBundle('en', 'translation')).toBe(true);
    expect(fr.hasResourceBundle('de', 'translation')).toBe(false);
    const en = await createI18n('en');
    expect(en.t('nav.users')).toBe('Users');
    expect(uiLanguages.filter((l) => en.hasResourceBundle(l, 'translation'))).toEqual(['en']);
  });
  it('switches language only once the new catalog is there', async () => {
    const i18n = await createI18n('en');
    const seen: string[] = [];
    i18n.on('languageChanged', (lng) => seen.push(`${lng}: ${i18n.t('nav.users')}`));
    const switching = i18n.changeLanguage('de');
    expect(i18n.language).toBe('en'); // Still English while German loads…
    expect(i18n.t('nav.users')).toBe('Users');
    await switching;
    expect(seen).toEqual(['de: Benutzer']); // …and German text from the first moment it is German.
    expect(i18n.language).toBe('de');
  });
  it('loads each language’s own file', async () => {
    const files = import.meta.glob<Record<string, unknown>>('./*.json', { eager: true, import: 'default' });
    expect(Object.keys(files).sort()).toEqual(uiLanguages.map((l) => `./${l}.json`).sort());
    for (const lng of uiLanguages) expect(await loadCatalog(lng)).toEqual(files[`./${lng}.json`]);
  });
});

describe('formatDuration', () => {
  it('names the largest whole unit in the language', () => {
    expect(formatDuration(3 * 3_600_000 + 5_000, 'en')).toBe('3 hours');
    expect(formatDuration(60_000, 'en')).toBe('1 minute');
    expect(formatDuration(2 * 86_400_000, 'fr')).toMatch(/^2\sjours$/); // with a no-break space
    expect(formatDuration(-5, 'de')).toBe('0 Sekunden');
  });
});

describe('formatDay', () => {
  it('shows a plan day as that day, in the language, whatever the time zone', () => {
    expect(formatDay('2026-03-01', 'en')).toBe('3/1/2026');
    expect(formatDay('2026-03-01', 'de')).toBe('1.3.2026');
    expect(formatDay('not a day', 'fr')).toBe('not a day');
  });
});

describe('plural forms of the twelve languages', () => {
  // Each language's catalog has the forms Intl.PluralRules names (catalogs.test checks that); here
  // i18next must pick the same one: Arabic zero/one/two/few/many/other, Polish and Russian
  // one/few/many/other, Chinese, Japanese and Korean other only.
  it.each(languages)('%s: i18next picks the form Intl.PluralRules selects', async (lng) => {
    const rules = new Intl.PluralRules(lng);
    const forms = rules.resolvedOptions().pluralCategories;
    const i18n = createInstance();
    await i18n.init({
      lng,
      resources: { [lng]: { translation: Object.fromEntries(forms.map((f) => [`n_${f}`, f])) } },
      initAsync: false,
    });
    const counts = [0, 1, 2, 3, 4, 5, 11, 12, 21, 22, 25, 100, 101, 102, 111, 1.5, 1000000];
    expect(counts.map((count) => i18n.t('n', { count }))).toEqual(counts.map((c) => rules.select(c)));
    // Every form is reachable with these counts (so the test covers each one).
    expect(new Set(counts.map((c) => rules.select(c)))).toEqual(new Set(forms));
  });

  it('knows which languages read right to left', async () => {
    const i18n = await createI18n('en');
    expect(languages.filter((l) => i18n.dir(l) === 'rtl')).toEqual(['ar']);
  });
});
