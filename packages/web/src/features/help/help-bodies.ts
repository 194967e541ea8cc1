import { useEffect, useState } from 'react';
import { uiLanguageOf, type UiLanguage } from '../../i18n/i18n.ts';

/** A language's help page bodies: per topic id, the paragraphs of topics.ts translated one for one. */
export type HelpBodies = Record<string, string[]>;

type Translated = Exclude<UiLanguage, 'en'>;

/**
 * Each language's bodies are a chunk of their own (translations/<lng>.ts), fetched the first time
 * its help is read: a person downloads the help of their language only. English is in topics.ts.
 */
const loaders: Record<Translated, () => Promise<{ default: HelpBodies }>> = {
  fr: () => import('./translations/fr.ts'),
  it: () => import('./translations/it.ts'),
  es: () => import('./translations/es.ts'),
  de: () => import('./translations/de.ts'),
  pt: () => import('./translations/pt.ts'),
  pl: () => import('./translations/pl.ts'),
  zh: () => import('./translations/zh.ts'),
  ko: () => import('./translations/ko.ts'),
  ja: () => import('./translations/ja.ts'),
  ar: () => import('./translations/ar.ts'),
  ru: () => import('./translations/ru.ts'),
};

const none: HelpBodies = {};
const loaded = new Map<UiLanguage, HelpBodies>([['en', none]]);
const loading = new Map<UiLanguage, Promise<HelpBodies>>();

/** The bodies of `language` (`en-GB` → `en`; a language the app lacks reads English), if already here. */
export function loadedHelpBodies(language: string): HelpBodies | undefined {
  return loaded.get(uiLanguageOf(language) ?? 'en');
}

/** Fetches the bodies of `language` once; a failed download is forgotten, so a later call tries again. */
export function loadHelpBodies(language: string): Promise<HelpBodies> {
  const lng = uiLanguageOf(language) ?? 'en';
  const here = loaded.get(lng);
  if (here) return Promise.resolve(here);
  let pending = loading.get(lng);
  if (!pending) {
    pending = loaders[lng as Translated]().then(
      (m) => {
        loaded.set(lng, m.default);
        loading.delete(lng);
        return m.default;
      },
      (e: unknown) => {
        loading.delete(lng);
        throw e;
      },
    );
    loading.set(lng, pending);
  }
  return pending;
}

/**
 * The help bodies of `language` for a component: undefined while they download (the page shows a
 * loading state, not English first), then the translations. A failed download gives no translation:
 * the pages read English with the note that says so.
 */
export function useHelpBodies(language: string): HelpBodies | undefined {
  const bodies = loadedHelpBodies(language);
  const [failed, setFailed] = useState<string>();
  const [, setArrived] = useState<string>();
  useEffect(() => {
    if (bodies) return;
    let current = true;
    loadHelpBodies(language).then(
      () => {
        if (current) setArrived(language);
      },
      () => {
        if (current) setFailed(language);
      },
    );
    return () => {
      current = false;
    };
  }, [bodies, language]);
  return bodies ?? (failed === language ? none : undefined);
}
