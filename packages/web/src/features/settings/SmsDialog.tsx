import { useState, type SyntheticEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { sessionKey } from '../../auth/session.tsx';
import { formatDateTime } from '../../format.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { settingsKeys } from './queries.ts';

/** A number waiting for its code (the session's, or the one just texted). */
export type SmsPending = NonNullable<SessionInfo['user']['smsPending']>;

/** Change Number: type the number, get a 6-digit code by text, type it in. Until then the old number keeps the alerts. */
export function SmsDialog({
  open,
  current,
  pending,
  onClose,
}: {
  open: boolean;
  current: string | null;
  pending: SmsPending | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [number, setNumber] = useState(pending?.number ?? current ?? '');
  const [waiting, setWaiting] = useState<SmsPending | null>(pending);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: sessionKey }),
      client.invalidateQueries({ queryKey: settingsKeys.alertPrefs }),
    ]);
  const attempt = async (work: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const sendCode = () =>
    attempt(async () => {
      const r = await call('changeSmsNumber', {
        body: { smsNumber: number.trim() ? number.replace(/[\s()-]/g, '') : null },
      });
      await refresh();
      setCode('');
      if (r.pending) setWaiting(r.pending);
      else onClose();
    });
  const verify = (e: SyntheticEvent) => {
    e.preventDefault();
    void attempt(async () => {
      await call('verifySmsNumber', { body: { code: code.trim() } });
      await refresh();
      setWaiting(null);
      onClose();
    });
  };
  return (
    <Dialog title={t('settings.changeNumberTitle')} open={open} onClose={onClose}>
      {waiting ? (
        <form onSubmit={verify} className="form">
          <p role="status">
            {t('settings.codeSentTo', {
              number: waiting.number,
              time: formatDateTime(waiting.expiresAt, i18n.language),
            })}
          </p>
          <TextField
            id="sms-code"
            label={t('settings.code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            value={code}
            onChange={(v) => setCode(v.replace(/\D/g, ''))}
            required
            autoFocus
          />
          <FormError error={error} />
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setWaiting(null)}>
              {t('settings.otherNumber')}
            </button>
            <button type="button" className="secondary" onClick={() => void sendCode()} disabled={busy}>
              {t('settings.resendCode')}
            </button>
            <button type="submit" disabled={busy || code.length !== 6}>
              {t('settings.verify')}
            </button>
          </div>
        </form>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void sendCode();
          }}
          className="form"
        >
          <TextField
            id="sms"
            label={t('settings.newNumber')}
            type="tel"
            value={number}
            onChange={setNumber}
            autoComplete="tel"
            autoFocus
            hint={t('settings.codeWillBeSent')}
          />
          <FormError error={error} />
          <div className="actions">
            <button type="button" className="secondary" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" disabled={busy}>
              {number.trim() ? t('settings.sendCode') : t('settings.removeNumber')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
