import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.tsx';
import { languageStorageKey, uiLanguageOf } from './i18n.ts';

/**
 * Keeps the screens in the right language: the signed-in user's profile language wins (English when
 * the app has no catalog for it); the choice is remembered in this browser for the sign-in screens,
 * and `<html lang>` and `<html dir>` follow.
 */
export function LanguageSync() {
  const { i18n } = useTranslation();
  const { session } = useSession();
  const profile = session?.user.language;
  useEffect(() => {
    if (profile) void i18n.changeLanguage(uiLanguageOf(profile) ?? 'en');
  }, [profile, i18n]);
  useEffect(() => {
    const apply = (lng: string) => {
      document.documentElement.lang = lng;
      // Arabic reads right to left: the layout mirrors through the CSS's logical properties.
      document.documentElement.dir = i18n.dir(lng);
      try {
        localStorage.setItem(languageStorageKey, lng);
      } catch {
        // Storage can be off (private mode); the profile language still applies after sign-in.
      }
    };
    apply(i18n.language);
    i18n.on('languageChanged', apply);
    return () => i18n.off('languageChanged', apply);
  }, [i18n]);
  return null;
}
