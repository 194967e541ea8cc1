import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { settingsKeys, useAlertPreferences } from './queries.ts';

export function AlertPreferencesPanel() {
  const { t } = useTranslation();
  const { orgId, session } = useOrg();
  const client = useQueryClient();
  const prefs = useAlertPreferences();
  const [error, setError] = useState<unknown>(null);
  const mine = prefs.data?.items.find((p) => p.orgId === orgId);
  const set = async (change: { email?: boolean; sms?: boolean }) => {
    setError(null);
    try {
      await call('updateAlertPreference', { params: { orgId }, body: change });
      await client.invalidateQueries({ queryKey: settingsKeys.alertPrefs });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <h2>{t('settings.notificationsFrom', { org: session.currentOrg?.name ?? '' })}</h2>
      {mine ? (
        <fieldset>
          <legend>{t('settings.sendAlertsBy')}</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={mine.email}
              onChange={(e) => void set({ email: e.target.checked })}
            />{' '}
            {t('settings.email')}
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={mine.sms}
              disabled={!session.user.smsVerified}
              onChange={(e) => void set({ sms: e.target.checked })}
            />{' '}
            {t('settings.smsText')}
            {!session.user.smsVerified && <span className="muted"> {t('settings.setNumberFirst')}</span>}
          </label>
        </fieldset>
      ) : (
        <p className="muted">{prefs.isPending ? t('common.loading') : t('settings.noAlertSettings')}</p>
      )}
      <FormError error={error ?? prefs.error} />
    </>
  );
}
