import { languages } from '@crosspoint/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { sessionKey, useSession } from '../auth/session.tsx';

const names: Record<string, string> = { en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español' };

/** The user's language: used for their email now; screens follow as translations land. */
export function LanguageMenu() {
  const { session } = useSession();
  const client = useQueryClient();
  if (!session) return null;
  return (
    <select
      aria-label="Language"
      className="language"
      value={session.user.language}
      onChange={(e) => {
        void api.patch('/api/v1/me', { language: e.target.value }).then(() => client.invalidateQueries({ queryKey: sessionKey }));
      }}
    >
      {languages.map((l) => (
        <option key={l} value={l}>
          {names[l] ?? l}
        </option>
      ))}
    </select>
  );
}
