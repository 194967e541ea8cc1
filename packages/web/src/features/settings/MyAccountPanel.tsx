import { useState, type SyntheticEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Trans, useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { sessionKey, useOrg } from '../../auth/session.tsx';
import { LanguageMenu } from '../../app/LanguageMenu.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { AlertPreferencesPanel } from './AlertPreferencesPanel.tsx';
import { PasswordDialog } from './PasswordDialog.tsx';
import { SmsDialog } from './SmsDialog.tsx';
import { TwoFactorSection } from '../two-factor/TwoFactorSection.tsx';
import { CollaborateSpaceLinks } from '../collaborate-space/CollaborateSpaceLinks.tsx';

export function MyAccountPanel() {
  const { t } = useTranslation();
  const { session } = useOrg();
  const client = useQueryClient();
  const [firstName, setFirstName] = useState(session.user.firstName);
  const [lastName, setLastName] = useState(session.user.lastName);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [smsOpen, setSmsOpen] = useState(false);
  const [pwOpen, setPwOpen] = useState(false);
  const save = async (e: SyntheticEvent) => {
    e.preventDefault();
    setSaved(false);
    try {
      await call('updateMe', { body: { firstName, lastName } });
      await client.invalidateQueries({ queryKey: sessionKey });
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="card">
      <form onSubmit={(e) => void save(e)} className="form">
        <p>
          <Trans
            i18nKey="settings.signedInAs"
            values={{ email: session.user.email }}
            components={{ strong: <strong /> }}
          />
        </p>
        <div className="row">
          <div className="field">
            <label htmlFor="me-first">{t('common.firstName')}</label>
            <input
              id="me-first"
              value={firstName}
              onChange={(e) => setFirstName(e.target.value)}
              autoComplete="given-name"
            />
          </div>
          <div className="field">
            <label htmlFor="me-last">{t('common.lastName')}</label>
            <input
              id="me-last"
              value={lastName}
              onChange={(e) => setLastName(e.target.value)}
              autoComplete="family-name"
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor="me-language">{t('settings.language')}</label>
          <LanguageMenu className="" id="me-language" />
          <span className="muted">{t('settings.languageHint')}</span>
        </div>
        <FormError error={error} />
        {saved && <p role="status">{t('common.saved')}</p>}
        <button type="submit">{t('common.save')}</button>
      </form>
      <h2>{t('settings.smsTitle')}</h2>
      <p>
        {t('settings.mobileNumber')}{' '}
        <strong data-testid="sms-number">{session.user.smsNumber ?? t('settings.none')}</strong>{' '}
        {session.user.smsNumber && (
          <span className={session.user.smsVerified ? 'badge ok' : 'badge issue'} data-testid="sms-verified">
            {session.user.smsVerified ? t('settings.verified') : t('settings.notVerified')}
          </span>
        )}{' '}
        <button type="button" className="secondary" onClick={() => setSmsOpen(true)}>
          {session.user.smsPending ? t('settings.enterCode') : t('settings.changeNumber')}
        </button>
      </p>
      {session.user.smsPending && (
        <p className="muted" data-testid="sms-pending">
          {t('settings.pendingNumber', { number: session.user.smsPending.number })}
        </p>
      )}
      <AlertPreferencesPanel />
      <h2>{t('auth.password')}</h2>
      <button type="button" className="secondary" onClick={() => setPwOpen(true)}>
        {t('settings.changePasswordMenu')}
      </button>
      <TwoFactorSection />
      <CollaborateSpaceLinks />
      {smsOpen && (
        <SmsDialog
          open
          current={session.user.smsNumber}
          pending={session.user.smsPending}
          onClose={() => setSmsOpen(false)}
        />
      )}
      <PasswordDialog open={pwOpen} email={session.user.email} onClose={() => setPwOpen(false)} />
    </div>
  );
}
