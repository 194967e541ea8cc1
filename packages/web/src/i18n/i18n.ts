import { createInstance, type BackendModule, type i18n as I18n } from 'i18next';
import englishCore from './en.json?core';

/** Languages the web app has a complete catalog for (the order of the language menu). */
export const uiLanguages = ['en', 'fr', 'it', 'es', 'de', 'pt', 'pl', 'zh', 'ko', 'ja', 'ar', 'ru'] as const;
export type UiLanguage = (typeof uiLanguages)[number];
/** A translation catalog: nested keys, text leaves. */
export type Catalog = Record<string, unknown>;

let englishRest: Promise<Catalog> | undefined;
let englishRestLoaded: Catalog | undefined;
const withEnglishRest = new WeakSet<I18n>();

/**
 * English beyond its core sections (catalog-sections.ts): a chunk of its own, fetched once, with the
 * first screen that is not in the first download (lazy-screen.tsx waits for both), so the sign-in
 * page does not carry the strings of every other screen. A failed download is forgotten.
 */
export function loadEnglishRest(): Promise<Catalog> {
  return (englishRest ??= import('./en.json?rest').then(
    (m) => (englishRestLoaded = m.default),
    (e: unknown) => {
      englishRest = undefined;
      throw e;
    },
  ));
}

/**
 * Adds the rest of English (once loadEnglishRest has resolved) to an instance that has only the core;
 * at once and without re-rendering, so a screen that waited for it finds every key at its first
 * render. Does nothing before it has arrived or when the instance has it already.
 */
export function addEnglishRest(i18n: I18n): void {
  if (!englishRestLoaded || withEnglishRest.has(i18n)) return;
  i18n.addResourceBundle('en', 'translation', englishRestLoaded, true, false);
  withEnglishRest.add(i18n);
}

/**
 * Each language's catalog. English, the reference and the fallback, has its core in the first
 * download and the rest in a chunk (above); the others are each a chunk of their own, fetched the
 * first time that language is used (the hub sends them compressed and cached for a year, so the
 * next visits find them in the browser's cache).
 */
const catalogLoaders: Record<UiLanguage, () => Promise<Catalog>> = {
  en: async () => ({ ...englishCore, ...(await loadEnglishRest()) }),
  fr: async () => (await import('./fr.json')).default,
  it: async () => (await import('./it.json')).default,
  es: async () => (await import('./es.json')).default,
  de: async () => (await import('./de.json')).default,
  pt: async () => (await import('./pt.json')).default,
  pl: async () => (await import('./pl.json')).default,
  zh: async () => (await import('./zh.json')).default,
  ko: async () => (await import('./ko.json')).default,
  ja: async () => (await import('./ja.json')).default,
  ar: async () => (await import('./ar.json')).default,
  ru: async () => (await import('./ru.json')).default,
};

/** The catalog of a language, fetched if it is not in the first download. */
export function loadCatalog(language: UiLanguage): Promise<Catalog> {
  return catalogLoaders[language]();
}

/** Where the signed-out choice is kept (the signed-in user's profile language wins over it). */
export const languageStorageKey = 'crosspoint.language';

/** `en-GB` → `en`; undefined when the app has no catalog for it. */
export function uiLanguageOf(tag: string | null | undefined): UiLanguage | undefined {
  const base = tag?.toLowerCase().split('-')[0];
  return uiLanguages.find((l) => l === base);
}

/** Before sign-in: the last choice made in this browser, then the browser's languages, then English. */
export function initialLanguage(
  storage: Pick<Storage, 'getItem'> | null,
  browserLanguages: readonly string[],
): UiLanguage {
  const stored = uiLanguageOf(storage?.getItem(languageStorageKey));
  if (stored) return stored;
  for (const tag of browserLanguages) {
    const found = uiLanguageOf(tag);
    if (found) return found;
  }
  return 'en';
}

/**
 * Hands i18next a language's catalog when it needs one: at start, and on `changeLanguage`, which
 * switches only once the new catalog is there (the screens stay in the old language meanwhile).
 * A catalog that cannot be fetched (hub unreachable) is not retried: the screens show English,
 * the fallback, and a reload tries again.
 */
const catalogBackend: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, callback) {
    const lng = uiLanguageOf(language);
    if (!lng) {
      callback(new Error(`no catalog for ${language}`), false);
      return;
    }
    loadCatalog(lng).then(
      (catalog) => callback(null, catalog),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/**
 * A fresh i18next instance in `language`, created by the composition root and handed to React
 * through I18nextProvider (no module-level singleton). Resolves once the language's catalog is
 * there, so the first render is in that language (no English first for a French user).
 */
export async function createI18n(language: UiLanguage): Promise<I18n> {
  const i18n = createInstance().use(catalogBackend);
  await i18n.init({
    resources: { en: { translation: englishCore } },
    // English's core is bundled (its rest is added by addEnglishRest); the others come through
    // catalogBackend.
    partialBundledLanguages: true,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...uiLanguages],
    interpolation: { escapeValue: false }, // React escapes.
    returnNull: false,
    initAsync: false, // Starts loading at once (English is there already) instead of on a timer.
  });
  return i18n;
}

/**
 * An instance as a lazily loaded screen sees it: `createI18n` with the rest of English added (what
 * `lazyScreen` does before a screen's first render). For code and tests outside the first download.
 */
export async function createScreenI18n(language: UiLanguage): Promise<I18n> {
  const [i18n] = await Promise.all([createI18n(language), loadEnglishRest()]);
  addEnglishRest(i18n);
  return i18n;
}
