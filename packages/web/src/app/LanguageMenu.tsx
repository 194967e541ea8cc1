import { languageNames, languages, type SessionInfo } from '@crosspoint/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.ts';
import { sessionKey, useSession } from '../auth/session.tsx';
import { uiLanguageOf, uiLanguages } from '../i18n/i18n.ts';

/**
 * The language of the screens, switched at once. Signed in, it is the user's profile language (also
 * used for their email); signed out, it is remembered in this browser only.
 */
export function LanguageMenu({ className = 'language', id }: { className?: string; id?: string }) {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const client = useQueryClient();
  // Only languages the screens are translated into; a profile language set before (one the hub knows
  // but the screens do not speak yet) stays shown so the menu tells the truth.
  const current = session?.user.language;
  const choices: readonly string[] =
    current && !uiLanguageOf(current) && (languages as readonly string[]).includes(current)
      ? [...uiLanguages, current]
      : uiLanguages;
  const change = (language: (typeof languages)[number]) => {
    void i18n.changeLanguage(uiLanguageOf(language) ?? 'en');
    if (!session) return;
    client.setQueryData<SessionInfo | null>(sessionKey, (s) =>
      s ? { ...s, user: { ...s.user, language } } : s,
    );
    void call('updateMe', { body: { language } }).finally(() =>
      client.invalidateQueries({ queryKey: sessionKey }),
    );
  };
  return (
    <select
      id={id}
      aria-label={t('shell.language')}
      className={className}
      value={session?.user.language ?? i18n.language}
      onChange={(e) => {
        const chosen = languages.find((l) => l === e.target.value);
        if (chosen) change(chosen);
      }}
    >
      {choices.map((l) => (
        <option key={l} value={l} lang={l}>
          {(languageNames as Record<string, string | undefined>)[l] ?? l}
        </option>
      ))}
    </select>
  );
}
