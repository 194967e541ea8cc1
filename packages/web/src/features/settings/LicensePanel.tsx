import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { formatDate } from '../../format.ts';
import { FormError } from '../../ui/FormError.tsx';
import { settingsKeys, useLicense } from './queries.ts';

export function LicensePanel() {
  const { t, i18n } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const status = useLicense(orgId);
  const [error, setError] = useState<unknown>(null);
  const [uploaded, setUploaded] = useState(false);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setUploaded(false);
    try {
      await call('uploadLicense', { params: { orgId }, body: { document: await file.text() } });
      await client.invalidateQueries({ queryKey: settingsKeys.license });
      setUploaded(true);
    } catch (err) {
      setError(err);
    }
  };
  const s = status.data;
  return (
    <div className="card">
      {s && (
        <dl className="facts" aria-label={t('settings.license')}>
          <dt>{t('settings.capacity')}</dt>
          <dd data-testid="capacity">{s.capacity}</dd>
          <dt>{t('license.state')}</dt>
          <dd data-testid="license-state">{t(`license.states.${s.state}`)}</dd>
          <dt>{t('settings.license')}</dt>
          <dd>
            {s.license
              ? t('settings.licenseFor', {
                  id: s.license.id,
                  licensee: s.license.licensee,
                  count: s.license.devices,
                })
              : t('settings.unlicensed', { count: s.unlicensedCapacity })}
          </dd>
          {s.license && (
            <>
              <dt>{t('settings.expires')}</dt>
              <dd>
                {s.license.expiresAt ? formatDate(s.license.expiresAt, i18n.language) : t('common.never')}
                {s.license.expired ? ` ${t('settings.expired')}` : ''}
              </dd>
            </>
          )}
          {s.graceEndsAt && (
            <>
              <dt>{t('license.graceEnds')}</dt>
              <dd>
                {t('license.graceEndsAt', {
                  date: formatDate(s.graceEndsAt, i18n.language),
                  count: s.unlicensedCapacity,
                })}
              </dd>
            </>
          )}
        </dl>
      )}
      {can('license.manage') && (
        <div className="field">
          <label htmlFor="license-file">{t('settings.upload')}</label>
          <input
            id="license-file"
            type="file"
            accept=".license,.json,application/json,text/plain"
            onChange={(e) => void upload(e.target.files?.[0])}
          />
        </div>
      )}
      <FormError error={error ?? status.error} />
      {uploaded && <p role="status">{t('settings.installed')}</p>}
    </div>
  );
}
