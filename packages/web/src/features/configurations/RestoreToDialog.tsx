import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ConfigurationVersion } from '@crosspoint/protocol';
import { call } from '../../api/client.ts';
import { formatDateTime } from '../../format.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormError } from '../../ui/FormError.tsx';

/**
 * Loads a version to a selection of devices of its model (the version's own device is chosen at
 * first); each is backed up first. `onStarted` gets the jobs' ids for the progress line.
 */
export function RestoreToDialog({
  orgId,
  version,
  model,
  onClose,
  onStarted,
}: {
  orgId: string;
  version: ConfigurationVersion;
  model: string;
  onClose: () => void;
  onStarted: (jobIds: string[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState<string[]>([version.deviceId]);
  const [error, setError] = useState<unknown>(null);
  const devices = useQuery({
    queryKey: ['listDevices', orgId, 'model', model],
    queryFn: ({ signal }) =>
      call('listDevices', { params: { orgId }, query: { model, limit: 500 } }, { signal }),
  });
  const items = (devices.data?.items ?? []).filter((d) => d.model === model);
  const flip = (id: string) =>
    setChosen(chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]);
  const when = formatDateTime(version.takenAt, i18n.language);
  const start = async () => {
    setError(null);
    try {
      const r = await call('restoreConfiguration', {
        params: { orgId, versionId: version.id },
        body: { deviceIds: chosen },
      });
      onStarted(r.items.map((j) => j.id));
      onClose();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Dialog title={t('configurations.restoreToTitle', { when })} open onClose={onClose} wide>
      <p>{t('configurations.restoreToHelp', { model })}</p>
      <fieldset>
        <legend>{t('configurations.restoreToDevices')}</legend>
        <div className="check-grid">
          {items.map((d) => (
            <label key={d.id} className="check">
              <input type="checkbox" checked={chosen.includes(d.id)} onChange={() => flip(d.id)} /> {d.name}
            </label>
          ))}
        </div>
      </fieldset>
      <FormError error={error} />
      <div className="row-actions">
        <button type="button" disabled={chosen.length === 0} onClick={() => void start()}>
          {t('configurations.restoreToStart', { count: chosen.length })}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
