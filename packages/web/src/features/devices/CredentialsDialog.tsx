import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceCommandRequest } from '@crosspoint/protocol';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';

/**
 * A new login (user name and password) for one device or a selection: every box of each stack gets
 * it and the agent keeps it, sealed. The password is typed twice; nothing is kept by the hub.
 */
export function CredentialsDialog({
  target,
  onClose,
  onStart,
}: {
  target: string;
  onClose: () => void;
  onStart: (command: DeviceCommandRequest) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<unknown>(null);
  const mismatch = again !== '' && again !== password;
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    if (mismatch) return;
    setError(null);
    try {
      await onStart({ type: 'setCredentials', username, password });
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Dialog title={t('actions.credentials.title', { target })} open onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <p className="muted">{t('actions.credentials.help')}</p>
        <div className="field">
          <label htmlFor="cred-user">{t('actions.credentials.username')}</label>
          <input
            id="cred-user"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            maxLength={64}
            autoComplete="off"
            autoFocus
          />
        </div>
        <div className="field">
          <label htmlFor="cred-password">{t('actions.credentials.password')}</label>
          <input
            id="cred-password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            maxLength={128}
            autoComplete="new-password"
          />
        </div>
        <div className="field">
          <label htmlFor="cred-again">{t('actions.credentials.again')}</label>
          <input
            id="cred-again"
            type="password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            required
            maxLength={128}
            autoComplete="new-password"
            aria-invalid={mismatch}
          />
          {mismatch && (
            <p className="error" role="alert">
              {t('actions.credentials.mismatch')}
            </p>
          )}
        </div>
        <FormError error={error} />
        <div className="row-actions">
          <button type="submit" disabled={mismatch || !username || !password}>
            {t('actions.credentials.start', { target })}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
