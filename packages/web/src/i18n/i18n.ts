import { createInstance, type i18n as I18n } from 'i18next';
import de from './de.json';
import en from './en.json';
import fr from './fr.json';

/** Languages the web app has a complete catalog for; the hub's other languages fall back to English. */
export const uiLanguages = ['en', 'fr', 'de'] as const;
export type UiLanguage = (typeof uiLanguages)[number];
export const catalogs: Record<UiLanguage, Record<string, unknown>> = { en, fr, de };

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
 * A fresh i18next instance with every catalog bundled (they are small), created by the composition
 * root and handed to React through I18nextProvider: no module-level singleton.
 */
export function createI18n(language: UiLanguage): I18n {
  const i18n = createInstance();
  void i18n.init({
    resources: Object.fromEntries(uiLanguages.map((l) => [l, { translation: catalogs[l] }])),
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...uiLanguages],
    interpolation: { escapeValue: false }, // React escapes.
    returnNull: false,
    initAsync: false,
  });
  return i18n;
}
