import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { TwoFactorEnrollment } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { sessionKey } from '../../auth/session.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { CodeField } from './CodeField.tsx';
import { RecoveryCodesList } from './RecoveryCodesList.tsx';
import { twoFactorKey } from './queries.ts';

/**
 * Turning two-factor sign-in on: a QR code (and the secret, for typing by hand), a code from the app
 * to prove it works, then the recovery codes.
 */
export function TwoFactorSetup({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [enrollment, setEnrollment] = useState<TwoFactorEnrollment | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setError(null);
    setBusy(true);
    try {
      setEnrollment(await call('startTwoFactor', {}));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const answer = await call('confirmTwoFactor', { body: { code: code.replace(/\s/g, '') } });
      setCodes(answer.codes);
      await client.invalidateQueries({ queryKey: twoFactorKey });
    } catch (err) {
      setError(err);
      setCode('');
    } finally {
      setBusy(false);
    }
  };
  const finish = async () => {
    await client.invalidateQueries({ queryKey: sessionKey });
    onDone?.();
  };
  if (codes) {
    return (
      <div>
        <RecoveryCodesList codes={codes} />
        <button type="button" onClick={() => void finish()}>
          {t('twoFactor.savedCodes')}
        </button>
      </div>
    );
  }
  if (!enrollment) {
    return (
      <div>
        <p>{t('twoFactor.explain')}</p>
        <FormError error={error} />
        <button type="button" onClick={() => void start()} disabled={busy}>
          {t('twoFactor.turnOn')}
        </button>
      </div>
    );
  }
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrollment.qrSvg)}`;
  return (
    <form className="form" onSubmit={(e) => void confirm(e)}>
      <ol className="steps">
        <li>{t('twoFactor.stepScan')}</li>
        <li>{t('twoFactor.stepCode')}</li>
      </ol>
      <img src={qr} alt={t('twoFactor.qrAlt')} width={200} height={200} className="qr" />
      <p>
        {t('twoFactor.manualKey')} <code data-testid="totp-secret">{enrollment.secret}</code>
      </p>
      <CodeField
        id="totp-confirm"
        label={t('twoFactor.codeFromApp')}
        value={code}
        onChange={setCode}
        autoFocus
      />
      <FormError error={error} />
      <button type="submit" disabled={busy}>
        {t('twoFactor.confirm')}
      </button>
    </form>
  );
}
