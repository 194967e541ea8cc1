import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { errorMessage } from '../i18n/labels.ts';

/** The hub's error message for a failed form, with per-field details when it gave them. */
export function FormError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const message = errorMessage(t, i18n.language, error);
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div role="alert" className="form-error">
      <p>{message}</p>
      {details.length > 1 && (
        <ul>
          {details.map((d) => (
            <li key={`${d.path}:${d.message}`}>{d.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
