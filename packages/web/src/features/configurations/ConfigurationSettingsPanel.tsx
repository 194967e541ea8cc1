import { useState, type SyntheticEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { FormError } from '../../ui/FormError.tsx';

/** Settings › Configuration backups: the nightly backup and how long versions are kept. */
export function ConfigurationSettingsPanel() {
  const { t } = useTranslation();
  const { orgId, can } = useOrg();
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: ['configurations', orgId, 'settings'],
    queryFn: ({ signal }) => call('getConfigurationSettings', { params: { orgId } }, { signal }),
  });
  if (!settings.data) return <FormError error={settings.error} />;
  return (
    <SettingsForm
      initial={settings.data}
      readOnly={!can('devices.command')}
      onSave={async (body) => {
        await call('updateConfigurationSettings', { params: { orgId }, body });
        await client.invalidateQueries({ queryKey: ['configurations', orgId, 'settings'] });
      }}
      saved={t('configurationSettings.saved')}
    />
  );
}

function SettingsForm({
  initial,
  readOnly,
  onSave,
  saved,
}: {
  initial: { nightly: boolean; keepVersions: number; keepDays: number };
  readOnly: boolean;
  onSave: (s: { nightly: boolean; keepVersions: number; keepDays: number }) => Promise<void>;
  saved: string;
}) {
  const { t } = useTranslation();
  const [nightly, setNightly] = useState(initial.nightly);
  const [keepVersions, setKeepVersions] = useState(String(initial.keepVersions));
  const [keepDays, setKeepDays] = useState(String(initial.keepDays));
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    setDone(false);
    try {
      await onSave({ nightly, keepVersions: Number(keepVersions), keepDays: Number(keepDays) });
      setDone(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="form" aria-label={t('configurationSettings.title')} onSubmit={(e) => void submit(e)}>
      <p className="muted">{t('configurationSettings.help')}</p>
      <label className="check">
        <input
          type="checkbox"
          checked={nightly}
          disabled={readOnly}
          onChange={(e) => setNightly(e.target.checked)}
        />{' '}
        {t('configurationSettings.nightly')}
      </label>
      <div className="row">
        <div className="field">
          <label htmlFor="keep-versions">{t('configurationSettings.keepVersions')}</label>
          <input
            id="keep-versions"
            type="number"
            min={1}
            max={10000}
            value={keepVersions}
            disabled={readOnly}
            onChange={(e) => setKeepVersions(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="keep-days">{t('configurationSettings.keepDays')}</label>
          <input
            id="keep-days"
            type="number"
            min={1}
            max={3650}
            value={keepDays}
            disabled={readOnly}
            onChange={(e) => setKeepDays(e.target.value)}
          />
        </div>
      </div>
      <FormError error={error} />
      {done && <p role="status">{saved}</p>}
      {!readOnly && (
        <div className="row-actions">
          <button type="submit">{t('configurationSettings.save')}</button>
        </div>
      )}
    </form>
  );
}
