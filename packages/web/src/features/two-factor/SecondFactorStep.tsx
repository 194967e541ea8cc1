import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecondFactorChallenge, SessionInfo } from '@crosspoint/protocol';
import { ApiError, call } from '../../api/client.ts';
import { FormError } from '../../ui/FormError.tsx';
import { CodeField } from './CodeField.tsx';

/** The sign-in's second step: the code of the authenticator app, or a recovery code. */
export function SecondFactorStep({
  challenge,
  onSignedIn,
  onRestart,
}: {
  challenge: SecondFactorChallenge;
  onSignedIn: (session: SessionInfo) => void;
  /** The waiting sign-in expired or was used up: start again at the password (with why). */
  onRestart: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(
        await call('signInSecondFactor', { body: { challenge: challenge.challenge, code: code.trim() } }),
      );
    } catch (err) {
      // An expired or spent sign-in (401) starts over at the password.
      if (err instanceof ApiError && err.status === 401) {
        onRestart(err);
        return;
      }
      setError(err);
      setCode('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="form" aria-labelledby="second-factor-title">
      <h2 id="second-factor-title">{t('twoFactor.signInTitle')}</h2>
      <p>{recovery ? t('twoFactor.signInRecoveryHint') : t('twoFactor.signInHint')}</p>
      <CodeField
        key={recovery ? 'recovery' : 'app'}
        id="second-factor-code"
        label={recovery ? t('twoFactor.recoveryCode') : t('twoFactor.codeFromApp')}
        value={code}
        onChange={setCode}
        recovery={recovery}
        autoFocus
      />
      <FormError error={error} />
      <button type="submit" disabled={busy}>
        {busy ? t('auth.signingIn') : t('twoFactor.verify')}
      </button>
      <p>
        <button type="button" className="link" onClick={() => setRecovery(!recovery)}>
          {recovery ? t('twoFactor.useApp') : t('twoFactor.useRecovery')}
        </button>
      </p>
    </form>
  );
}
