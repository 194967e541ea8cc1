import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { PasswordInput } from '../../ui/PasswordInput.tsx';
import { PasswordMeter } from '../../ui/PasswordMeter.tsx';

export function PasswordDialog({
  open,
  email,
  onClose,
}: {
  open: boolean;
  email: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await call('changePassword', { body: { currentPassword: current, newPassword: next } });
      setDone(true);
      setCurrent('');
      setNext('');
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Dialog title={t('settings.changePassword')} open={open} onClose={onClose}>
      {done ? (
        <p role="status">{t('settings.passwordChanged')}</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="form">
          <PasswordInput
            label={t('settings.currentPassword')}
            value={current}
            onChange={setCurrent}
            autoComplete="current-password"
            autoFocus
          />
          <PasswordInput
            label={t('auth.newPassword')}
            value={next}
            onChange={setNext}
            autoComplete="new-password"
          />
          <PasswordMeter password={next} kind="user" userInputs={[email]} />
          <FormError error={error} />
          <button type="submit">{t('settings.changePassword')}</button>
        </form>
      )}
    </Dialog>
  );
}
