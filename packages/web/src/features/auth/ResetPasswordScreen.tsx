import { useState, type SyntheticEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { FormError } from '../../ui/FormError.tsx';
import { PasswordInput } from '../../ui/PasswordInput.tsx';
import { PasswordMeter } from '../../ui/PasswordMeter.tsx';
import { PublicFrame } from './PublicFrame.tsx';

export function ResetPasswordScreen() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await call('resetPassword', { body: { token, password } });
      setDone(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <PublicFrame title={t('auth.resetTitle')}>
      {done ? (
        <p role="status">
          {t('auth.resetDone')} <Link to="/sign-in">{t('auth.signIn')}</Link>
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="form">
          <PasswordInput
            label={t('auth.newPassword')}
            value={password}
            onChange={setPassword}
            autoComplete="new-password"
            autoFocus
          />
          <PasswordMeter password={password} kind="user" />
          <FormError error={error} />
          <button type="submit">{t('auth.setPassword')}</button>
        </form>
      )}
    </PublicFrame>
  );
}
