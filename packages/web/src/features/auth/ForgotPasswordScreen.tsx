import { useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { Trans, useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { FormError } from '../../ui/FormError.tsx';
import { PublicFrame } from './PublicFrame.tsx';

export function ForgotPasswordScreen() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await call('forgotPassword', { body: { email } });
      setSent(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <PublicFrame title={t('auth.forgotTitle')}>
      {sent ? (
        <p role="status">
          <Trans i18nKey="auth.resetSent" values={{ email }} components={{ strong: <strong /> }} />{' '}
          <Link to="/sign-in">{t('auth.backToSignIn')}</Link>
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="form">
          <div className="field">
            <label htmlFor="email">{t('auth.email')}</label>
            <input
              id="email"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoComplete="email"
              autoFocus
              required
            />
          </div>
          <FormError error={error} />
          <button type="submit">{t('auth.sendResetLink')}</button>
          <p>
            <Link to="/sign-in">{t('auth.backToSignIn')}</Link>
          </p>
        </form>
      )}
    </PublicFrame>
  );
}
