import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceCommandRequest } from '@crosspoint/protocol';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';

/**
 * Provisions one VoIP line (SIP server, user, authentication) of a device or a selection, and
 * restarts VoIP so it registers; "VoIP registration status" then shows each line's registration.
 */
export function VoipDialog({
  target,
  onClose,
  onStart,
}: {
  target: string;
  onClose: () => void;
  onStart: (command: DeviceCommandRequest) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [line, setLine] = useState(1);
  const [enabled, setEnabled] = useState(true);
  const [registrar, setRegistrar] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [restart, setRestart] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await onStart({
        type: 'provisionVoip',
        line,
        enabled,
        registrar,
        user,
        password,
        restartVoip: restart,
      });
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Dialog title={t('actions.voip.title', { target })} open onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="voip-line">{t('actions.voip.line')}</label>
          <select id="voip-line" value={line} onChange={(e) => setLine(Number(e.target.value))}>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <label className="check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />{' '}
          {t('actions.voip.enabled')}
        </label>
        <div className="field">
          <label htmlFor="voip-registrar">{t('actions.voip.registrar')}</label>
          <input
            id="voip-registrar"
            value={registrar}
            onChange={(e) => setRegistrar(e.target.value)}
            maxLength={255}
            required={enabled}
            placeholder="sip.example.com"
          />
        </div>
        <div className="field">
          <label htmlFor="voip-user">{t('actions.voip.user')}</label>
          <input
            id="voip-user"
            value={user}
            onChange={(e) => setUser(e.target.value)}
            maxLength={64}
            required={enabled}
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label htmlFor="voip-password">{t('actions.voip.password')}</label>
          <input
            id="voip-password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            maxLength={128}
            autoComplete="new-password"
          />
        </div>
        <label className="check">
          <input type="checkbox" checked={restart} onChange={(e) => setRestart(e.target.checked)} />{' '}
          {t('actions.voip.restart')}
        </label>
        <FormError error={error} />
        <div className="row-actions">
          <button type="submit">{t('actions.voip.start', { target })}</button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
