import { ApiError } from '../api/client.ts';

/** The hub's error message for a failed form, with per-field details when it gave them. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : 'Something went wrong.';
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
