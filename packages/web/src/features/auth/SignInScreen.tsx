import { useState, type SyntheticEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { PasswordInput } from '../../ui/PasswordInput.tsx';
import { PublicFrame } from './PublicFrame.tsx';
import type { SecondFactorChallenge } from '@crosspoint/protocol';
import { SecondFactorStep } from '../two-factor/SecondFactorStep.tsx';
import { OidcSignInButtons, OidcSignInError } from '../sign-in/OidcSignIn.tsx';

export function SignInScreen() {
  const { t } = useTranslation();
  const { session, replace } = useSession();
  const location = useLocation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [stay, setStay] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The password was right and the account asks for a second factor.
  const [challenge, setChallenge] = useState<SecondFactorChallenge | null>(null);
  // Whether this hub offers self-service trials (a link under the form when it does).
  const trial = useQuery({
    queryKey: ['getTrialOffer'],
    queryFn: ({ signal }) => call('getTrialOffer', {}, { signal }),
    staleTime: 300_000,
    retry: false,
  });
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (session) return <Navigate to={from} replace />;

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await call('signIn', { body: { login, password, staySignedIn: stay } });
      if ('secondFactorRequired' in answer) {
        setChallenge(answer);
        setPassword('');
      } else replace(answer);
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  if (challenge) {
    return (
      <PublicFrame title={t('auth.signIn')}>
        <SecondFactorStep
          challenge={challenge}
          onSignedIn={replace}
          onRestart={(err) => {
            setChallenge(null);
            setPassword('');
            setError(err);
          }}
        />
      </PublicFrame>
    );
  }

  return (
    <PublicFrame title={t('auth.signIn')}>
      <OidcSignInError />
      <form onSubmit={(e) => void submit(e)} className="form">
        <div className="field">
          <label htmlFor="login">{t('auth.login')}</label>
          <input
            id="login"
            name="login"
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            autoComplete="username"
            autoFocus
            required
            aria-describedby="login-directory-hint"
          />
          <span className="muted" id="login-directory-hint">
            {t('auth.directoryHint')}
          </span>
        </div>
        <PasswordInput
          label={t('auth.password')}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          name="password"
        />
        <label className="check">
          <input type="checkbox" checked={stay} onChange={(e) => setStay(e.target.checked)} />{' '}
          {t('auth.staySignedIn')}
        </label>
        <FormError error={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('auth.signingIn') : t('auth.signIn')}
        </button>
        <p>
          <Link to="/forgot-password">{t('auth.forgotTitle')}</Link>
        </p>
        {trial.data?.enabled && (
          <p>
            {t('trial.newHere')} <Link to="/trial">{t('trial.start')}</Link>
          </p>
        )}
      </form>
      <OidcSignInButtons returnTo={from} />
    </PublicFrame>
  );
}
