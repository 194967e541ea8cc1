import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/client.ts';
import { sessionKey } from '../../auth/session.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { CodeDialog } from './CodeDialog.tsx';
import { RecoveryCodesList } from './RecoveryCodesList.tsx';
import { TwoFactorSetup } from './TwoFactorSetup.tsx';
import { twoFactorKey, useTwoFactor } from './queries.ts';

/** Settings › My account › Two-factor sign-in: turn it on or off, renew the recovery codes. */
export function TwoFactorSection() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const status = useTwoFactor();
  const [open, setOpen] = useState<'setup' | 'disable' | 'codes' | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const close = () => {
    setOpen(null);
    setCodes(null);
  };
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: twoFactorKey }),
      client.invalidateQueries({ queryKey: sessionKey }),
    ]);
  const s = status.data;
  return (
    <section aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">{t('twoFactor.title')}</h2>
      {!s ? (
        <p role="status">{t('common.loading')}</p>
      ) : s.exempt ? (
        <p>{t('twoFactor.exempt')}</p>
      ) : (
        <>
          <p>
            <span className={s.enabled ? 'badge ok' : 'badge issue'} data-testid="two-factor-state">
              {s.enabled ? t('twoFactor.on') : t('twoFactor.off')}
            </span>{' '}
            {s.enabled &&
              s.enabledAt &&
              t('twoFactor.since', {
                date: new Date(s.enabledAt).toLocaleDateString(i18n.language),
                count: s.recoveryCodesLeft,
              })}
          </p>
          {s.requiredBy.length > 0 && (
            <p className="muted">{t('twoFactor.requiredBy', { names: s.requiredBy.join(', ') })}</p>
          )}
          {s.enabled ? (
            <p className="actions">
              <button type="button" className="secondary" onClick={() => setOpen('codes')}>
                {t('twoFactor.newCodes')}
              </button>{' '}
              {s.requiredBy.length === 0 && (
                <button type="button" className="secondary danger" onClick={() => setOpen('disable')}>
                  {t('twoFactor.turnOff')}
                </button>
              )}
            </p>
          ) : (
            <button type="button" onClick={() => setOpen('setup')}>
              {t('twoFactor.turnOn')}
            </button>
          )}
        </>
      )}
      {open === 'setup' && (
        <Dialog title={t('twoFactor.title')} open onClose={close}>
          <TwoFactorSetup onDone={close} />
        </Dialog>
      )}
      {open === 'disable' && (
        <CodeDialog
          title={t('twoFactor.turnOff')}
          action={t('twoFactor.turnOff')}
          danger
          onClose={close}
          onSubmit={async (code) => {
            await call('disableTwoFactor', { body: { code } });
            await refresh();
            close();
          }}
        />
      )}
      {open === 'codes' && (
        <CodeDialog
          title={t('twoFactor.newCodes')}
          action={t('twoFactor.newCodes')}
          onClose={close}
          onSubmit={async (code) => {
            setCodes((await call('newRecoveryCodes', { body: { code } })).codes);
            await refresh();
          }}
        >
          {codes && <RecoveryCodesList codes={codes} />}
        </CodeDialog>
      )}
    </section>
  );
}
